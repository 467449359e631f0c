package jp.grants.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The program catalog, read-only: every program's caps, phases, gates and rules. */
@Path("/api/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programs")
@RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.REVIEWER, Roles.COMMITTEE_CHAIR, Roles.FINANCE,
    Roles.AUDITOR, Roles.ADMIN})
public class ProgramResource {

  /** The catalog's version with every program. */
  public record CatalogView(String version, String asOf, List<Program> programs) {}

  @GET
  @Operation(summary = "List every program of the catalog")
  public CatalogView list() {
    ProgramCatalog catalog = ProgramCatalog.load();
    return new CatalogView(catalog.version(), catalog.asOf(), catalog.programs());
  }

  @GET
  @Path("/{code}")
  @Operation(summary = "One program with its caps, phases, stage gates and eligible expenses")
  public Program get(@PathParam("code") String code) {
    return ProgramCatalog.load().find(code).orElseThrow(() -> new NotFoundException("no program " + code));
  }
}
