package jp.grants.ledger.money.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import jp.grants.ledger.disbursement.rest.DisbursementResource;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.money.command.RefundCommand;
import jp.grants.ledger.money.persistence.MovementRows;
import jp.grants.ledger.money.query.RefundView;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Refunds (返還) of money paid out of a grant's fiscal year. */
@Path("/api/v1/ledger/grants/{grantId}/refunds")
@Tag(
    name = "Refunds",
    description =
        "Money paid back, voluntary or ordered, with the Subsidies Act's additional charge")
public class RefundResource extends MovementEndpoint {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER})
  @Operation(
      summary =
          "Money of a grant's fiscal year comes back with its indirect costs: returned (VOLUNTARY, by the"
              + " recipient or finance) or ordered back (ORDERED, by a program officer with a reason; with the additional"
              + " charge where the program is a subsidy). Reversing journal entries; answered once per Idempotency-Key")
  @APIResponse(
      responseCode = "201",
      description = "Refunded (also for a retry)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RefundView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body, or Idempotency-Key missing: nothing written")
  @APIResponse(
      responseCode = "403",
      description = "REFUND-ORDER-REQUIRES-PROGRAM-OFFICER," + " REFUND-VOLUNTARY-BY-RECIPIENT")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  @APIResponse(responseCode = "409", description = "REFUND-EXCEEDS-PAID, GRANT-SETTLED")
  @APIResponse(
      responseCode = "422",
      description =
          "REFUND-REASON-REQUIRED, FISCAL-YEAR-OUTSIDE-GRANT," + " IDEMPOTENCY-KEY-REUSED")
  @APIResponse(
      responseCode = "503",
      description =
          "The ledger is at capacity or its database is unavailable:"
              + " nothing was written; retry with the same Idempotency-Key after Retry-After seconds")
  public CompletionStage<Response> refund(
      @PathParam("grantId") UUID grantId,
      @Parameter(
              in = ParameterIn.HEADER,
              name = DisbursementResource.IDEMPOTENCY_KEY,
              required = true,
              description =
                  "The client's unique key for this refund (1-200 visible ASCII characters)")
          @HeaderParam(DisbursementResource.IDEMPOTENCY_KEY)
          String key,
      @Valid @NotNull RefundRequest request,
      @Context ContainerRequestContext context) {
    String path = "/api/v1/ledger/grants/" + grantId + "/refunds";
    Response bad = badKey(key, path);
    if (bad != null) {
      return now(bad);
    }
    Actor caller = actor.get();
    RefundCommand command =
        new RefundCommand(
            UUID.randomUUID(),
            grantId,
            request.fiscalYear(),
            request.amountYen(),
            request.kind(),
            CarryOverResource.blankToNull(request.reason()),
            caller.role(),
            Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key));
    return submit(
        command, key, fingerprint("REFUND", grantId, request), request.fiscalYear(), path);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "Every refund of the grant, in the order recorded, with the additional charge's detail")
  @APIResponse(responseCode = "200", description = "The grant's refunds")
  @APIResponse(responseCode = "404", description = "The ledger has no award for the grant")
  public List<RefundView> list(@PathParam("grantId") UUID grantId) {
    return read(grantId, c -> MovementRows.refundsOf(c, grantId));
  }

  @GET
  @Path("/{refundId}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "One refund of the grant")
  @APIResponse(responseCode = "200", description = "The refund")
  @APIResponse(responseCode = "404", description = "No such grant or refund")
  public RefundView get(@PathParam("grantId") UUID grantId, @PathParam("refundId") UUID refundId) {
    RefundView view = read(grantId, c -> MovementRows.refunds(c, Set.of(refundId)).get(refundId));
    if (view == null || !view.grantId().equals(grantId)) {
      throw new NotFoundException("no refund " + refundId + " of grant " + grantId);
    }
    return view;
  }

  @Override
  UUID idOf(Object movement) {
    return ((RefundView) movement).refundId();
  }
}
