package jp.grants.ledger.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jp.grants.ledger.grant.query.ProgramGrantsQueries;
import jp.grants.ledger.grant.query.ProgramGrantsQueries.GrantYearRecord;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger's record of every grant of a program in a fiscal year, for reconciliation. */
@Path("/api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Grant ledger",
    description = "A grant's account: caps, allocations and payments per year and category")
public class ProgramGrantsResource {
  @Inject ProgramGrantsQueries queries;

  @GET
  @Transactional
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "Every grant of the program with an allocation or a disbursement in the year: allocation,"
              + " paid, and each paid disbursement")
  public List<GrantYearRecord> grants(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9-]{1,50}") String code,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear) {
    return queries.grants(code, fiscalYear);
  }
}
