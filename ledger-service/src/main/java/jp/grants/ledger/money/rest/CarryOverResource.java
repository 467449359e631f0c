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
import jp.grants.ledger.money.command.CarryOverCommand;
import jp.grants.ledger.money.persistence.MovementRows;
import jp.grants.ledger.money.query.CarryOverView;
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

/** Carry-overs (繰越) of a grant's unspent money to its next fiscal year. */
@Path("/api/v1/ledger/grants/{grantId}/carry-overs")
@Tag(
    name = "Carry-overs",
    description = "Money moved into the next fiscal year (繰越), by a program officer or on request")
public class CarryOverResource extends MovementEndpoint {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER})
  @Operation(
      summary =
          "Carry an amount of a grant's fiscal year over to its next year: first the unpaid allocation,"
              + " then paid money not reported as spent. A yearly pool's money needs a program officer and a reason (its"
              + " budget moves alike); a fund's money moves on request. Answered once per Idempotency-Key")
  @APIResponse(
      responseCode = "201",
      description = "Carried over (also for a retry)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CarryOverView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body, or Idempotency-Key missing: nothing written")
  @APIResponse(
      responseCode = "403",
      description =
          "CARRY-OVER-APPROVAL-REQUIRED: a yearly pool's carry-over needs a"
              + " program officer and a reason")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT")
  @APIResponse(
      responseCode = "409",
      description =
          "CARRY-OVER-EXCEEDS-UNSPENT, CARRY-OVER-TOO-EARLY, GRANT-SETTLED," + " GRANT-NOT-ACTIVE")
  @APIResponse(
      responseCode = "422",
      description =
          "CARRY-OVER-PAST-LAST-YEAR, FISCAL-YEAR-OUTSIDE-GRANT," + " IDEMPOTENCY-KEY-REUSED")
  @APIResponse(
      responseCode = "503",
      description =
          "The ledger is at capacity or its database is unavailable:"
              + " nothing was written; retry with the same Idempotency-Key after Retry-After seconds")
  public CompletionStage<Response> carryOver(
      @PathParam("grantId") UUID grantId,
      @Parameter(
              in = ParameterIn.HEADER,
              name = DisbursementResource.IDEMPOTENCY_KEY,
              required = true,
              description =
                  "The client's unique key for this carry-over (1-200 visible ASCII characters)")
          @HeaderParam(DisbursementResource.IDEMPOTENCY_KEY)
          String key,
      @Valid @NotNull CarryOverRequest request,
      @Context ContainerRequestContext context) {
    String path = "/api/v1/ledger/grants/" + grantId + "/carry-overs";
    Response bad = badKey(key, path);
    if (bad != null) {
      return now(bad);
    }
    Actor caller = actor.get();
    CarryOverCommand command =
        new CarryOverCommand(
            UUID.randomUUID(),
            grantId,
            request.fromFiscalYear(),
            request.amountYen(),
            blankToNull(request.reason()),
            caller.role(),
            Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key));
    return submit(
        command, key, fingerprint("CARRY_OVER", grantId, request), request.fromFiscalYear(), path);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "Every carry-over of the grant, in the order recorded")
  @APIResponse(responseCode = "200", description = "The grant's carry-overs")
  @APIResponse(responseCode = "404", description = "The ledger has no award for the grant")
  public List<CarryOverView> list(@PathParam("grantId") UUID grantId) {
    return read(grantId, c -> MovementRows.carryOversOf(c, grantId));
  }

  @GET
  @Path("/{carryOverId}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FINANCE, Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "One carry-over of the grant")
  @APIResponse(responseCode = "200", description = "The carry-over")
  @APIResponse(responseCode = "404", description = "No such grant or carry-over")
  public CarryOverView get(
      @PathParam("grantId") UUID grantId, @PathParam("carryOverId") UUID carryOverId) {
    CarryOverView view =
        read(grantId, c -> MovementRows.carryOvers(c, Set.of(carryOverId)).get(carryOverId));
    if (view == null || !view.grantId().equals(grantId)) {
      throw new NotFoundException("no carry-over " + carryOverId + " of grant " + grantId);
    }
    return view;
  }

  @Override
  UUID idOf(Object movement) {
    return ((CarryOverView) movement).carryOverId();
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
