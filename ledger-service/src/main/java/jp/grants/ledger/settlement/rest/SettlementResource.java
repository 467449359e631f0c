package jp.grants.ledger.settlement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.UUID;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.report.rest.OperationResponses;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.ledger.settlement.SettlementView;
import jp.grants.ledger.settlement.Settlements;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A grant's final settlement (額の確定). */
@Path("/api/v1/ledger/grants/{grantId}/settlement")
@Tag(name = "Settlement", description = "The final settlement of a grant (額の確定)")
public class SettlementResource {

  @Inject Settlements settlements;
  @Inject CurrentActor actor;

  @POST
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.PROGRAM_OFFICER, Roles.FINANCE})
  @Operation(
      summary =
          "Settle the grant: determine its final amount (what its years hold) once it no longer runs,"
              + " every year with money has an accepted annual report and none holds unspent money; GrantSettled published."
              + " No money of the grant moves afterwards")
  @APIResponse(
      responseCode = "201",
      description = "Settled",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = SettlementView.class)))
  @APIResponse(responseCode = "400", description = "Invalid Idempotency-Key")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  @APIResponse(
      responseCode = "409",
      description =
          "SETTLEMENT-GRANT-RUNNING, SETTLEMENT-YEAR-UNREPORTED,"
              + " SETTLEMENT-MONEY-UNSETTLED (the problem lists fiscalYears), GRANT-SETTLED (settled before)")
  @APIResponse(responseCode = "422", description = "IDEMPOTENCY-KEY-REUSED")
  @APIResponse(
      responseCode = "503",
      description = "The database is unavailable: nothing written; retry")
  public Response settle(
      @PathParam("grantId") UUID grantId,
      @Parameter(
              in = ParameterIn.HEADER,
              name = OperationResponses.IDEMPOTENCY_KEY,
              description = "Optional: a retry with the same key gets the first answer")
          @HeaderParam(OperationResponses.IDEMPOTENCY_KEY)
          String key,
      @Context ContainerRequestContext context) {
    String path = path(grantId);
    Response bad = OperationResponses.badKey(key, path);
    if (bad != null) {
      return bad;
    }
    Actor caller = actor.get();
    Provenance provenance = Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key);
    return OperationResponses.answer(
        () -> settlements.settle(grantId, provenance, caller.subject(), key), path, path);
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "The grant's settlement")
  @APIResponse(
      responseCode = "200",
      description = "The settlement",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = SettlementView.class)))
  @APIResponse(
      responseCode = "404",
      description = "UNKNOWN-GRANT, UNKNOWN-SETTLEMENT (not settled)")
  public Response get(@PathParam("grantId") UUID grantId) throws SQLException {
    String path = path(grantId);
    if (GrantAccount.count("grantId", grantId) == 0) {
      return OperationResponses.problem(
          RuleProblem.notFound(
                  LedgerRule.UNKNOWN_GRANT, "the ledger has no award for grant " + grantId, grantId)
              .at(path));
    }
    return settlements
        .of(grantId)
        .map(s -> Response.ok(s, MediaType.APPLICATION_JSON).build())
        .orElseGet(
            () ->
                OperationResponses.problem(
                    RuleProblem.refused(
                            LedgerRule.UNKNOWN_SETTLEMENT,
                            "grant " + grantId + " is not settled",
                            grantId)
                        .at(path)));
  }

  private static String path(UUID grantId) {
    return "/api/v1/ledger/grants/" + grantId + "/settlement";
  }
}
