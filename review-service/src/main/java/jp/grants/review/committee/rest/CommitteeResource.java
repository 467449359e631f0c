package jp.grants.review.committee.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.grants.platform.security.Roles;
import jp.grants.review.committee.command.CommitteeCommandHandler;
import jp.grants.review.committee.query.CommitteeQueries;
import jp.grants.review.committee.query.CommitteeView;
import jp.grants.review.web.RequestActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Program committees: members with roles, and whether the composition lets them decide. */
@Path("/api/v1/committees/{programCode}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Committees", description = "Each program's committee: its members and their roles")
public class CommitteeResource {
  @Inject CommitteeCommandHandler commands;
  @Inject CommitteeQueries queries;
  @Inject RequestActor request;

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Set a program's committee (chair, members, program director, program officers)",
      description =
          "A committee that breaks its program's composition rule is stored, but cannot decide;"
              + " the response's composition says why.")
  public CommitteeView set(
      @PathParam("programCode") String programCode, @Valid @NotNull SetCommitteeRequest body) {
    commands.handle(body.toCommand(programCode), request.actor());
    return queries.view(programCode);
  }

  @GET
  @RolesAllowed({
    Roles.ADMIN,
    Roles.PROGRAM_OFFICER,
    Roles.COMMITTEE_CHAIR,
    Roles.AUDITOR,
    Roles.REVIEWER
  })
  @Operation(summary = "A program's committee with its composition status")
  public CommitteeView get(@PathParam("programCode") String programCode) {
    return queries.view(programCode);
  }
}
