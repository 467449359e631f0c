package jp.grants.ledger.disbursement.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import jp.grants.contracts.FiscalYears;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementFiscalYear;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.engine.DisbursementEngine;
import jp.grants.ledger.disbursement.engine.DisbursementRequest;
import jp.grants.ledger.disbursement.engine.Outcome;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.disbursement.query.DisbursementView;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.messaging.Tracing;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Disbursements for finance front ends: pay out of a grant, exactly once per Idempotency-Key. The
 * request is answered by the disbursement engine (group commit) without holding a worker thread or
 * a database connection while it waits; a full engine answers 503 at once.
 */
@Path("/api/v1/ledger/disbursements")
@Tag(
    name = "Disbursements",
    description =
        "Payments to a grant, checked against its three caps in one engine; Idempotency-Key on every request")
public class DisbursementResource {
  private static final Logger LOG = Logger.getLogger(DisbursementResource.class);
  public static final String IDEMPOTENCY_KEY = Idempotency.HEADER;
  public static final String REPLAYED = Idempotency.REPLAYED;
  private static final String PATH = "/api/v1/ledger/disbursements";

  @Inject DisbursementEngine engine;
  @Inject CurrentActor actor;
  @Inject ObjectMapper json;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed(Roles.FINANCE)
  @Operation(
      summary =
          "Pay an amount out of a grant for a fiscal year, within the grant's allocation for the year,"
              + " the grant's total award and the pool's budget for the year; answered once per Idempotency-Key")
  @APIResponse(
      responseCode = "201",
      description = "Disbursed (also for a retry of a disbursed request)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = DisbursementView.class),
              examples =
                  @ExampleObject(
                      name = "paid",
                      summary = "Paid within all three caps",
                      value =
                          "{\"disbursementId\":\"6a1f0c2e-8b3d-4f5a-9e7c-2d4b6f8a0c1e\","
                              + "\"grantId\":\"3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f\",\"programCode\":\"WPI\","
                              + "\"budgetPool\":\"WPI\",\"fiscalYear\":2026,\"amountYen\":30000000,"
                              + "\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"researchers' salaries, April\","
                              + "\"status\":\"ACCEPTED\",\"journalEntryId\":\"9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a\","
                              + "\"grantYearHeadroomYen\":70000000,\"grantTotalHeadroomYen\":120000000,"
                              + "\"programYearHeadroomYen\":9961000000,\"indirectCostYen\":9000000,"
                              + "\"channel\":\"REST\",\"requestedBy\":\"finance-jsps-1\","
                              + "\"correlationId\":\"corr-2026-04-25-001\",\"recordedAt\":\"2026-04-25T01:02:03.456789Z\"}")))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body, or Idempotency-Key missing: nothing written")
  @APIResponse(
      responseCode = "404",
      description = "UNKNOWN-GRANT: the ledger has no award for the grant")
  @APIResponse(
      responseCode = "409",
      description =
          "Refused by a cap (LEDGER-CAP-GRANT-FISCAL-YEAR,"
              + " LEDGER-CAP-GRANT-TOTAL, LEDGER-CAP-PROGRAM-FISCAL-YEAR) or GRANT-NOT-ACTIVE; the problem names the cap"
              + " (capLevel), the amount asked (requestedYen) and what was left (headroomYen)")
  @APIResponse(
      responseCode = "422",
      description =
          "Refused by a program rule (EXPENSE-ELIGIBLE,"
              + " FISCAL-YEAR-OUTSIDE-GRANT), or IDEMPOTENCY-KEY-REUSED with a different request")
  @APIResponse(
      responseCode = "503",
      description =
          "The ledger is at capacity or its database is unavailable:"
              + " nothing was written; retry with the same Idempotency-Key after Retry-After seconds")
  public CompletionStage<Response> disburse(
      @Parameter(
              in = ParameterIn.HEADER,
              name = IDEMPOTENCY_KEY,
              required = true,
              description =
                  "The client's unique key for this disbursement (1-200 visible ASCII characters)")
          @HeaderParam(IDEMPOTENCY_KEY)
          String key,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = DisburseRequest.class),
                      examples =
                          @ExampleObject(
                              name = "personnel",
                              summary = "Researchers' salaries for April",
                              value =
                                  "{\"grantId\":\"3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f\",\"fiscalYear\":2026,"
                                      + "\"valueDate\":\"2026-04-25\",\"amountYen\":30000000,"
                                      + "\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"researchers' salaries, April\"}")))
          @Valid
          @NotNull
          DisburseRequest request,
      @Context ContainerRequestContext requestContext) {
    Response badKey = Idempotency.refuseUnlessWellFormed(key, PATH);
    if (badKey != null) {
      return CompletableFuture.completedFuture(badKey);
    }
    Actor caller = actor.get();
    DisburseCommand command = command(request, key, caller, requestContext);
    DisbursementRequest.IdempotencyClaim claim =
        new DisbursementRequest.IdempotencyClaim(caller.subject(), key, fingerprint(request));
    // The answer is written on this request's event loop, not on the engine's thread.
    io.vertx.core.Context context = Vertx.currentContext();
    Executor onRequestContext =
        context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    return engine
        .submit(new DisbursementRequest(command, claim, Tracing.currentTraceparent()))
        .handleAsync(
            (outcome, failure) -> failure == null ? response(outcome) : failed(failure),
            onRequestContext);
  }

  @GET
  @Path("/{disbursementId}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "A disbursement and the ledger's answer to it (either channel)")
  @APIResponse(responseCode = "200", description = "The disbursement")
  @APIResponse(responseCode = "404", description = "No such disbursement")
  public DisbursementView get(@PathParam("disbursementId") UUID disbursementId) {
    Disbursement d = Disbursement.findById(disbursementId);
    if (d == null) {
      throw new NotFoundException("no disbursement " + disbursementId);
    }
    return DisbursementView.of(d);
  }

  private static Response response(Outcome outcome) {
    if (outcome instanceof Outcome.Answered answered) {
      Disbursement d = answered.disbursement();
      Response.ResponseBuilder response =
          d.status == DisbursementStatus.ACCEPTED
              ? Response.status(201)
                  .type(MediaType.APPLICATION_JSON)
                  .entity(DisbursementView.of(d))
                  .header("Location", PATH + "/" + d.disbursementId)
              : refused(RefusalProblem.of(d, PATH));
      return replayed(response, answered.replayed()).build();
    }
    if (outcome instanceof Outcome.StoredAnswer stored) {
      Response.ResponseBuilder response =
          Response.status(stored.status()).type(stored.contentType()).entity(stored.body());
      if (stored.status() == 201) {
        response.header("Location", PATH + "/" + stored.disbursementId());
      }
      return replayed(response, true).build();
    }
    if (outcome instanceof Outcome.KeyReused reused) {
      return refused(RefusalProblem.reusedKey(reused.key(), PATH)).build();
    }
    Outcome.UnknownGrant unknown = (Outcome.UnknownGrant) outcome;
    // Nothing to pay from and nothing written: a retry once the award has arrived is a first
    // request.
    return Problem.ofRule(
            404,
            "Not Found",
            LedgerRule.UNKNOWN_GRANT.code(),
            "the ledger has no award for grant " + unknown.grantId())
        .at(PATH)
        .toResponse();
  }

  private static Response.ResponseBuilder refused(RefusalProblem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }

  private static Response.ResponseBuilder replayed(
      Response.ResponseBuilder response, boolean replayed) {
    return replayed ? response.header(REPLAYED, "true") : response;
  }

  /**
   * Saturation and a database that is away are 503 with Retry-After; anything else is a fault of
   * ours.
   */
  private static Response failed(Throwable failure) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof DisbursementEngine.Unavailable unavailable) {
      return Problem.unavailable(unavailable.getMessage(), unavailable.retryAfterSeconds(), PATH);
    }
    var away = jp.grants.platform.problem.Unavailability.answer(cause, PATH);
    if (away.isPresent()) {
      return away.get();
    }
    LOG.errorf(cause, "disbursement failed");
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal",
            "the service failed to handle the request; it has been logged")
        .at(PATH)
        .toResponse();
  }

  private String fingerprint(DisburseRequest request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
      return HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  private static DisburseCommand command(
      DisburseRequest request, String key, Actor caller, ContainerRequestContext context) {
    int fiscalYear =
        DisbursementFiscalYear.resolve(
            request.fiscalYear(), request.valueDate(), LocalDate.now(FiscalYears.JAPAN));
    return new DisburseCommand(
        UUID.randomUUID(),
        request.grantId(),
        fiscalYear,
        request.amountYen(),
        request.expenseCategory(),
        request.purpose(),
        null,
        Channel.REST,
        caller.subject(),
        Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key));
  }
}
