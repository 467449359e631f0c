package jp.grants.ledger.reconciliation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import jp.grants.ledger.reconciliation.GrantReconciliation;
import jp.grants.ledger.reconciliation.Reconciliations;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.report.rest.OperationResponses;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The auditors' and finance's reconciliation of one grant. */
@Path("/api/v1/ledger/grants/{grantId}/reconciliation")
@Tag(
    name = "Reconciliation",
    description =
        "The ledger's figures per grant and year checked against its rows and journal; CSV per program and fiscal year")
public class GrantReconciliationResource {
  @Inject Reconciliations reconciliations;

  @GET
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.AUDITOR, Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.ADMIN})
  @Operation(
      summary =
          "The grant's money per fiscal year (allocated, carried in and out, cap, paid, indirect,"
              + " refunded, additional charge, held, reported, unspent, final) from the ledger's rows, checked against one"
              + " another and against the journal's balances, with every difference")
  @APIResponse(
      responseCode = "200",
      description = "The reconciliation",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GrantReconciliation.class)))
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  public Response grant(@PathParam("grantId") UUID grantId) throws SQLException {
    Optional<GrantReconciliation> reconciliation = reconciliations.of(grantId);
    return reconciliation
        .map(r -> Response.ok(r, MediaType.APPLICATION_JSON).build())
        .orElseGet(
            () ->
                OperationResponses.problem(
                    RuleProblem.notFound(
                            LedgerRule.UNKNOWN_GRANT,
                            "the ledger has no award for grant " + grantId,
                            grantId)
                        .at("/api/v1/ledger/grants/" + grantId + "/reconciliation")));
  }
}
