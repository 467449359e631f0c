package jp.grants.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.grants.grant.call.CallHistoryEntry;
import jp.grants.grant.call.CallStatus;
import jp.grants.grant.call.CallView;
import jp.grants.grant.call.Calls;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.IdempotentRequests;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.FreeText;
import jp.grants.platform.web.RequestInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Calls for proposals (公募): program officers open one per program and fiscal year, change the
 * number of awards it plans by an explicit decision with a reason, and close it early; everyone who
 * reads grants reads the calls; proposals name the call they answer ({@code POST /api/v1/grants}).
 * Every write takes an {@code Idempotency-Key}, and the changes of a call {@code If-Match} with the
 * call's version (its ETag).
 */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "Calls",
    description = "Calls for proposals: open, change the planned awards, close, list, history")
public class CallResource {
  private static final String IF_MATCH = "If-Match";

  @Inject Calls calls;
  @Inject CurrentActor currentActor;
  @Inject RequestInfo request;
  @Inject IdempotentRequests idempotent;

  /** What opens a call. */
  public record OpenCall(
      @NotBlank @Size(max = 50) String programCode,
      @Schema(description = "The fiscal year the grants awarded from the call start in (採択年度)")
          @NotNull
          @Min(2000)
          @Max(2100)
          Integer fiscalYear,
      @NotBlank @Size(max = 500) @FreeText String title,
      @Schema(description = "The first day proposals are accepted (Japan time)") @NotNull
          LocalDate opensOn,
      @Schema(description = "The last day proposals are accepted (Japan time), inclusive") @NotNull
          LocalDate closesOn,
      @Schema(description = "How many grants the funder plans to award from it (採択予定件数)")
          @NotNull
          @Min(1)
          @Max(10_000)
          Integer plannedAwards,
      @Schema(
              nullable = true,
              description =
                  "The partner-country funding agency of a joint call (共同公募): required for"
                      + " ASPIRE and SICORP")
          @Size(max = 200)
          @FreeText
          String partnerAgency) {}

  /** The explicit decision on the number of awards. */
  public record ChangePlannedAwards(
      @NotNull @Min(1) @Max(10_000) Integer plannedAwards,
      @Schema(description = "Why the call awards more (or fewer) grants than it planned")
          @NotBlank
          @Size(max = 2000)
          @FreeText
          String reason) {}

  /** Why a call closes before its closing date. */
  public record CloseCall(@NotBlank @Size(max = 2000) @FreeText String reason) {}

  @POST
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Transactional
  @Operation(
      summary = "Open a call for proposals of a program for a fiscal year",
      description =
          "With its dates (Japan time) and the number of awards planned; a joint call of ASPIRE or"
              + " SICORP names the partner agency. Recorded as CallForProposalsOpened on call-events.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = OpenCall.class),
              examples =
                  @ExampleObject(
                      name = "wpi-core",
                      summary = "WPI CORE, two new centers starting in FY2023 (seed 000)",
                      value =
                          "{\"programCode\":\"WPI-CORE\",\"fiscalYear\":2023,"
                              + "\"title\":\"WPI CORE FY2023 call\",\"opensOn\":\"2023-01-10\","
                              + "\"closesOn\":\"2023-03-10\",\"plannedAwards\":2}")))
  @APIResponse(
      responseCode = "201",
      description = "Opened; Location names the call, the ETag is its version",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CallView.class)))
  public Response open(@Valid @NotNull OpenCall body, @HeaderParam(Idempotency.HEADER) String key) {
    Actor actor = currentActor.get();
    UUID callId = UUID.randomUUID();
    return idempotent.once(
        actor.subject(),
        key,
        request.requestLine(),
        body,
        () -> {
          CallView call =
              calls.open(
                  callId,
                  new Calls.Opening(
                      body.programCode(),
                      body.fiscalYear(),
                      body.title(),
                      body.opensOn(),
                      body.closesOn(),
                      body.plannedAwards(),
                      body.partnerAgency()),
                  actor,
                  request.correlationId());
          return Response.created(URI.create("/api/v1/calls/" + call.callId()))
              .entity(call)
              .tag(CommandExecutor.etag(call.version()))
              .build();
        });
  }

  @GET
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Operation(
      summary = "Calls for proposals by program, fiscal year and status (SCHEDULED, OPEN, CLOSED)")
  public Calls.Page list(
      @QueryParam("program") @Size(max = 50) String program,
      @QueryParam("fiscalYear") @Min(2000) @Max(2100) Integer fiscalYear,
      @QueryParam("status") @Pattern(regexp = "SCHEDULED|OPEN|CLOSED") String status,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return calls.list(
        program, fiscalYear, status == null ? null : CallStatus.valueOf(status), page, size);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Operation(summary = "A call: its dates, planned awards, proposals and awards; ETag its version")
  @APIResponse(
      responseCode = "200",
      description = "The call as it stands",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CallView.class)))
  public Response get(@PathParam("id") UUID id) {
    CallView call =
        calls.find(id).orElseThrow(() -> new NotFoundException("no call for proposals " + id));
    return Response.ok(call).tag(CommandExecutor.etag(call.version())).build();
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed({Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(summary = "Every event of a call, oldest first, with who caused it")
  public List<CallHistoryEntry> history(@PathParam("id") UUID id) {
    return calls.history(id);
  }

  @POST
  @Path("/{id}/planned-awards")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Transactional
  @Operation(
      summary = "Change the number of awards a call plans: the explicit decision, with its reason",
      description =
          "Awards beyond the planned number are refused (CALL-AWARDS-PLANNED) until this raises"
              + " it; never below the awards made (CALL-PLAN). Recorded as CallPlannedAwardsChanged.")
  @APIResponse(
      responseCode = "200",
      description = "Changed; the ETag is the call's new version",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CallView.class)))
  public Response changePlannedAwards(
      @PathParam("id") UUID id,
      @Valid @NotNull ChangePlannedAwards body,
      @HeaderParam(IF_MATCH) String ifMatch,
      @HeaderParam(Idempotency.HEADER) String key) {
    return change(
        ifMatch,
        key,
        body,
        (version, actor) ->
            calls.changePlannedAwards(
                id, version, body.plannedAwards(), body.reason(), actor, request.correlationId()));
  }

  @POST
  @Path("/{id}/closure")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Transactional
  @Operation(
      summary = "Close a call before its closing date: no proposal is accepted from then on",
      description = "Recorded as CallForProposalsClosed.")
  @APIResponse(
      responseCode = "200",
      description = "Closed; the ETag is the call's new version",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CallView.class)))
  public Response close(
      @PathParam("id") UUID id,
      @Valid @NotNull CloseCall body,
      @HeaderParam(IF_MATCH) String ifMatch,
      @HeaderParam(Idempotency.HEADER) String key) {
    return change(
        ifMatch,
        key,
        body,
        (version, actor) ->
            calls.close(id, version, body.reason(), actor, request.correlationId()));
  }

  /**
   * A change of a call: the If-Match version read first (a malformed one refused before the key is
   * claimed), then the change once per Idempotency-Key, answered 200 with the call's new version.
   */
  private Response change(
      String ifMatch,
      String key,
      Object body,
      java.util.function.BiFunction<Long, Actor, CallView> change) {
    Long version = CommandExecutor.expectedVersion(ifMatch);
    Actor actor = currentActor.get();
    return idempotent.once(
        actor.subject(),
        key,
        request.requestLine(),
        body,
        () -> {
          CallView call = change.apply(version, actor);
          return Response.ok(call).tag(CommandExecutor.etag(call.version())).build();
        });
  }
}
