package jp.grants.ledger.disbursement.rest;

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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.grants.contracts.FiscalYears;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementFiscalYear;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.disbursement.query.DisbursementView;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Disbursements for finance front ends: pay out of a grant, exactly once per Idempotency-Key. */
@Path("/api/v1/ledger/disbursements")
@Tag(name = "Disbursements")
public class DisbursementResource {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  /** Visible ASCII, as the Idempotency-Key draft asks of keys; long enough for a UUID or a ULID. */
  private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  @Inject IdempotentDisbursements idempotent;
  @Inject CurrentActor actor;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed(Roles.FINANCE)
  @Operation(summary = "Pay an amount out of a grant for a fiscal year, within the grant's allocation for the year,"
      + " the grant's total award and the pool's budget for the year; answered once per Idempotency-Key")
  @APIResponse(responseCode = "201", description = "Disbursed (also for a retry of a disbursed request)")
  @APIResponse(responseCode = "400", description = "Invalid body, or Idempotency-Key missing: nothing written")
  @APIResponse(responseCode = "404", description = "UNKNOWN-GRANT: the ledger has no award for the grant")
  @APIResponse(responseCode = "409", description = "Refused by a cap (LEDGER-CAP-GRANT-FISCAL-YEAR,"
      + " LEDGER-CAP-GRANT-TOTAL, LEDGER-CAP-PROGRAM-FISCAL-YEAR) or GRANT-NOT-ACTIVE; the problem names the cap"
      + " (capLevel), the amount asked (requestedYen) and what was left (headroomYen)")
  @APIResponse(responseCode = "422", description = "Refused by a program rule (EXPENSE-ELIGIBLE,"
      + " FISCAL-YEAR-OUTSIDE-GRANT), or IDEMPOTENCY-KEY-REUSED with a different request")
  public Response disburse(
      @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, required = true,
          description = "The client's unique key for this disbursement (1-200 visible ASCII characters)")
          @HeaderParam(IDEMPOTENCY_KEY) String key,
      @Valid @NotNull DisburseRequest request, @Context UriInfo uri, @Context ContainerRequestContext context) {
    if (key == null || !SANE_KEY.matcher(key).matches()) {
      return Problem.of(Response.Status.BAD_REQUEST, "invalid-request",
              IDEMPOTENCY_KEY + " header must be 1 to 200 visible ASCII characters")
          .withErrors(List.of(new Problem.FieldError(IDEMPOTENCY_KEY, key == null ? "required" : "malformed")))
          .at(uri.getPath())
          .toResponse();
    }
    IdempotentDisbursements.Answer answer = idempotent.disburse(key, request, command(request, key, context),
        uri.getPath());
    Response.ResponseBuilder response =
        Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
    if (answer.status() == 201) {
      response.location(URI.create("/api/v1/ledger/disbursements/" + answer.disbursementId()));
    }
    if (answer.replayed()) {
      response.header(REPLAYED, "true");
    }
    return response.build();
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

  private DisburseCommand command(DisburseRequest request, String key, ContainerRequestContext context) {
    Actor caller = actor.get();
    int fiscalYear = DisbursementFiscalYear.resolve(request.fiscalYear(), request.valueDate(),
        LocalDate.now(FiscalYears.JAPAN));
    return new DisburseCommand(UUID.randomUUID(), request.grantId(), fiscalYear, request.amountYen(),
        request.expenseCategory(), request.purpose(), null, Channel.REST, caller.subject(),
        Provenance.ofRequest(caller, CorrelationIdFilter.of(context), key));
  }
}
