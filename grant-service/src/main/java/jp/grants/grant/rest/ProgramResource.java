package jp.grants.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The program catalog, read-only: every program's caps, phases, gates and rules, in any published
 * version (a grant's rules come from the version it is pinned to: its {@code catalogVersion}).
 */
@Path("/api/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Programs",
    description =
        "The program catalog: caps, phases, stage gates, committees and who decides, in every published version")
@RolesAllowed({
  Roles.APPLICANT,
  Roles.PROGRAM_OFFICER,
  Roles.REVIEWER,
  Roles.COMMITTEE_CHAIR,
  Roles.FINANCE,
  Roles.AUDITOR,
  Roles.ADMIN
})
public class ProgramResource {

  /**
   * A catalog version with every program, and every published version (oldest first).
   *
   * @param current the version new grants are pinned to
   * @param baseline the version of grants whose history predates versioning
   */
  public record CatalogView(
      String version,
      String asOf,
      String current,
      String baseline,
      List<VersionView> versions,
      List<Program> programs) {}

  /** A published catalog version. */
  public record VersionView(
      String version, String asOf, String sha256, String note, boolean current) {}

  @GET
  @Operation(
      summary =
          "Every program of the current catalog version (or of ?version=), and every published version")
  @APIResponse(
      responseCode = "200",
      description = "The catalog version's programs and every published version",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CatalogView.class)))
  @APIResponse(responseCode = "404", description = "No such catalog version")
  public CatalogView list(@QueryParam("version") @Size(max = 50) String version) {
    CatalogRegistry registry = CatalogRegistry.standard();
    ProgramCatalog catalog = catalog(registry, version);
    List<VersionView> versions =
        registry.versions().stream()
            .map(
                v ->
                    new VersionView(
                        v.version(),
                        v.catalog().asOf(),
                        v.sha256(),
                        v.note(),
                        v.version().equals(registry.currentVersion())))
            .toList();
    return new CatalogView(
        catalog.version(),
        catalog.asOf(),
        registry.currentVersion(),
        registry.baselineVersion(),
        versions,
        catalog.programs());
  }

  @GET
  @Path("/{code}")
  @Operation(
      summary =
          "One program with its caps, phases, stage gates and eligible expenses, as the current"
              + " catalog version states it, or as ?version= does (404 for an unknown version)")
  public Program get(
      @PathParam("code") String code, @QueryParam("version") @Size(max = 50) String version) {
    ProgramCatalog catalog = catalog(CatalogRegistry.standard(), version);
    return catalog
        .find(code)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no program " + code + " in catalog version " + catalog.version()));
  }

  private static ProgramCatalog catalog(CatalogRegistry registry, String version) {
    if (version == null) {
      return registry.current();
    }
    return registry
        .version(version)
        .orElseThrow(() -> new NotFoundException("no catalog version " + version));
  }
}
