package jp.grants.grant.rest;

import static jp.grants.grant.rest.CommandExecutor.expectedVersion;
import static jp.grants.grant.rest.GrantResource.IDEMPOTENCY_KEY;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import jp.grants.grant.command.Commands.MigrateCatalogCommand;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.FreeText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A program officer moves a grant's rules to another catalog version (GrantCatalogMigrated). A
 * grant otherwise keeps the version it was submitted and awarded under. Honours {@code If-Match}
 * and {@code Idempotency-Key} like every lifecycle step.
 */
@Path("/api/v1/grants/{id}/catalog-migration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "200",
    description = "The step was taken: the grant's id and new version (also its ETag)",
    headers = @Header(name = "ETag"),
    content =
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = GrantRequests.Accepted.class)))
@Tag(
    name = "Grant lifecycle",
    description =
        "The steps of a grant from screening to closeout, each an event in its history; If-Match and Idempotency-Key on every step")
public class GrantCatalogResource {
  @Inject CommandExecutor executor;

  /**
   * @param toVersion a published catalog version (GET /api/v1/programs lists them)
   * @param reason why the grant's rules change
   */
  public record CatalogMigration(
      @NotBlank @Size(max = 50) @Pattern(regexp = "[0-9A-Za-z.-]+") String toVersion,
      @NotBlank @Size(max = 5000) @FreeText String reason) {}

  @POST
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary =
          "Move the grant's rules to another catalog version; refused if it is unknown (422), the"
              + " grant's own (409), or if the grant breaks its rules (422, the rule named)")
  public Response migrate(
      @PathParam("id") UUID id,
      @Valid @NotNull CatalogMigration body,
      @HeaderParam("If-Match") String ifMatch,
      @HeaderParam(IDEMPOTENCY_KEY) String key) {
    Long version =
        expectedVersion(ifMatch); // a malformed If-Match is refused before the key is claimed
    return executor.execute(
        key,
        body,
        id,
        false,
        () -> new MigrateCatalogCommand(id, version, body.toVersion(), body.reason()));
  }
}
