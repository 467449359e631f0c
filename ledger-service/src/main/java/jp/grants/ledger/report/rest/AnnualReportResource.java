package jp.grants.ledger.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.report.AnnualReportView;
import jp.grants.ledger.report.AnnualReports;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.rule.LedgerRule;
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

/**
 * Annual financial reports (実績報告) of a grant: submitted, approved where transfers need it, read.
 */
@Path("/api/v1/ledger/grants/{grantId}/annual-reports")
@Tag(
    name = "Annual reports",
    description = "Each year's financial report (実績報告) with its spending per category")
public class AnnualReportResource {
  @Inject AnnualReports reports;
  @Inject CurrentActor actor;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.APPLICANT, Roles.FINANCE})
  @Operation(
      summary =
          "Report a fiscal year's spending per expense category; reconciled with the year's payments."
              + " Accepted at once, or awaiting a program officer's approval when the transfers between categories exceed"
              + " the program's free limit. One report per grant and fiscal year")
  @APIResponse(
      responseCode = "201",
      description = "Accepted (AnnualReportAccepted published)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AnnualReportView.class)))
  @APIResponse(
      responseCode = "202",
      description = "Recorded, AWAITING_APPROVAL: the transfers exceed the free limit",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AnnualReportView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body or Idempotency-Key: nothing written")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  @APIResponse(
      responseCode = "409",
      description = "REPORT-ALREADY-SUBMITTED (another request), GRANT-SETTLED")
  @APIResponse(
      responseCode = "422",
      description =
          "EXPENSE-ELIGIBLE, REPORT-EXCEEDS-PAID, FISCAL-YEAR-OUTSIDE-GRANT,"
              + " IDEMPOTENCY-KEY-REUSED")
  @APIResponse(
      responseCode = "503",
      description = "The database is unavailable: nothing written; retry")
  public Response submit(
      @PathParam("grantId") UUID grantId,
      @Parameter(
              in = ParameterIn.HEADER,
              name = OperationResponses.IDEMPOTENCY_KEY,
              description = "Optional: a retry with the same key and body gets the first answer")
          @HeaderParam(OperationResponses.IDEMPOTENCY_KEY)
          String key,
      @Valid @NotNull AnnualReportRequest request,
      @Context ContainerRequestContext context) {
    String path = path(grantId);
    Response bad = OperationResponses.badKey(key, path);
    if (bad != null) {
      return bad;
    }
    Actor caller = actor.get();
    Map<ExpenseCategory, Long> spending = new EnumMap<>(ExpenseCategory.class);
    request.spending().forEach(l -> spending.put(l.category(), l.amountYen()));
    var submission = new AnnualReports.Submission(grantId, request.fiscalYear(), spending);
    Provenance provenance = Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key);
    return OperationResponses.answer(
        () -> reports.submit(submission, provenance, caller.subject(), key, request),
        path,
        path + "/" + request.fiscalYear());
  }

  @POST
  @Path("/{fiscalYear}/approval")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary =
          "Approve, with a reason, a report whose transfers between categories exceed the free limit;"
              + " it is then ACCEPTED (AnnualReportAccepted published)")
  @APIResponse(
      responseCode = "200",
      description = "Accepted",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AnnualReportView.class)))
  @APIResponse(responseCode = "400", description = "Invalid body (a reason is required)")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT, UNKNOWN-REPORT")
  @APIResponse(
      responseCode = "409",
      description =
          "REPORT-NOT-AWAITING-APPROVAL, REPORT-EXCEEDS-PAID (money left"
              + " the year since), GRANT-SETTLED")
  @APIResponse(responseCode = "422", description = "IDEMPOTENCY-KEY-REUSED")
  @APIResponse(
      responseCode = "503",
      description = "The database is unavailable: nothing written; retry")
  public Response approve(
      @PathParam("grantId") UUID grantId,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear,
      @Parameter(
              in = ParameterIn.HEADER,
              name = OperationResponses.IDEMPOTENCY_KEY,
              description = "Optional: a retry with the same key and body gets the first answer")
          @HeaderParam(OperationResponses.IDEMPOTENCY_KEY)
          String key,
      @Valid @NotNull ApprovalRequest request,
      @Context ContainerRequestContext context) {
    String path = path(grantId) + "/" + fiscalYear + "/approval";
    Response bad = OperationResponses.badKey(key, path);
    if (bad != null) {
      return bad;
    }
    Actor caller = actor.get();
    Provenance provenance = Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key);
    return OperationResponses.answer(
        () ->
            reports.approve(
                grantId, fiscalYear, request.reason(), provenance, caller.subject(), key, request),
        path,
        null);
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "The grant's annual reports, by fiscal year")
  @APIResponse(
      responseCode = "200",
      description = "The reports",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                      implementation = AnnualReportView.class)))
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  public Response list(@PathParam("grantId") UUID grantId) throws SQLException {
    if (GrantAccount.count("grantId", grantId) == 0) {
      return unknownGrant(grantId, path(grantId));
    }
    return Response.ok(reports.ofGrant(grantId), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("/{fiscalYear}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "The grant's annual report for a fiscal year")
  @APIResponse(
      responseCode = "200",
      description = "The report",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AnnualReportView.class)))
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT, UNKNOWN-REPORT")
  public Response get(
      @PathParam("grantId") UUID grantId,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear)
      throws SQLException {
    String path = path(grantId) + "/" + fiscalYear;
    if (GrantAccount.count("grantId", grantId) == 0) {
      return unknownGrant(grantId, path);
    }
    return reports
        .ofGrantYear(grantId, fiscalYear)
        .map(r -> Response.ok(r, MediaType.APPLICATION_JSON).build())
        .orElseGet(
            () ->
                OperationResponses.problem(
                    RuleProblem.refused(
                            LedgerRule.UNKNOWN_REPORT,
                            "grant " + grantId + " has no annual report for FY" + fiscalYear,
                            grantId)
                        .year(fiscalYear)
                        .at(path)));
  }

  static Response unknownGrant(UUID grantId, String path) {
    return OperationResponses.problem(
        RuleProblem.notFound(
                LedgerRule.UNKNOWN_GRANT, "the ledger has no award for grant " + grantId, grantId)
            .at(path));
  }

  private static String path(UUID grantId) {
    return "/api/v1/ledger/grants/" + grantId + "/annual-reports";
  }
}
