package jp.grants.ledger.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jp.grants.ledger.grant.query.GrantLedgerQueries;
import jp.grants.ledger.grant.query.GrantLedgerView;
import jp.grants.ledger.grant.query.GrantYearView;
import jp.grants.ledger.journal.query.JournalEntryView;
import jp.grants.ledger.journal.query.JournalQueries;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A grant's money: caps, disbursed and headroom overall and per fiscal year, and its journal. */
@Path("/api/v1/ledger/grants/{grantId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Grant ledger",
    description = "A grant's account: caps, allocations and payments per year and category")
public class GrantLedgerResource {
  @Inject GrantLedgerQueries grants;
  @Inject JournalQueries journal;

  @GET
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "The grant's total award, allocations, disbursed and headroom, overall and per fiscal year")
  @APIResponse(responseCode = "200", description = "The grant's ledger")
  @APIResponse(responseCode = "404", description = "The ledger has no award for the grant")
  public GrantLedgerView grant(@PathParam("grantId") UUID grantId) {
    return grants.grant(grantId).orElseThrow(() -> unknown(grantId));
  }

  @GET
  @Path("/fiscal-years/{fiscalYear}")
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "The grant's allocation, disbursed and headroom in one fiscal year, with the other two caps'"
              + " headroom and what a disbursement could take now")
  @APIResponse(responseCode = "200", description = "The grant's money in the fiscal year")
  @APIResponse(responseCode = "404", description = "The ledger has no award for the grant")
  public GrantYearView fiscalYear(
      @PathParam("grantId") UUID grantId,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear) {
    return grants.grantYear(grantId, fiscalYear).orElseThrow(() -> unknown(grantId));
  }

  @GET
  @Path("/journal")
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "Every journal entry of the grant, in the order written: award, plan changes, releases and"
              + " disbursements, each with its balanced lines")
  @APIResponse(responseCode = "200", description = "The grant's journal")
  @APIResponse(responseCode = "404", description = "The ledger has no award for the grant")
  public List<JournalEntryView> journal(@PathParam("grantId") UUID grantId) {
    if (!grants.exists(grantId)) {
      throw unknown(grantId);
    }
    return journal.ofGrant(grantId);
  }

  private static NotFoundException unknown(UUID grantId) {
    return new NotFoundException("the ledger has no award for grant " + grantId);
  }
}
