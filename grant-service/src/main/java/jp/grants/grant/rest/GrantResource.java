package jp.grants.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import java.util.UUID;
import jp.grants.grant.axon.GrantGateway;
import jp.grants.grant.command.Commands.SubmitProposalCommand;
import jp.grants.grant.command.GrantView;
import jp.grants.grant.query.DisbursementState;
import jp.grants.grant.query.GrantQueries;
import jp.grants.grant.rest.GrantRequests.Amount;
import jp.grants.grant.rest.GrantRequests.SubmitProposal;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Proposals and grants: submit, read one (strongly consistent), search and list a grant's
 * disbursements (read model).
 */
@Path("/api/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grants", description = "Proposals and grants: submit, list, read")
public class GrantResource {
  public static final String IDEMPOTENCY_KEY = jp.grants.platform.idempotency.Idempotency.HEADER;

  @Inject CommandExecutor executor;
  @Inject GrantGateway gateway;
  @Inject GrantQueries queries;
  @Inject CurrentActor currentActor;
  @Inject jp.grants.grant.call.Calls calls;

  @POST
  @RolesAllowed(Roles.APPLICANT)
  @Operation(summary = "Submit a proposal to a program; the applicant is the caller")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = SubmitProposal.class),
              examples =
                  @ExampleObject(
                      name = "wpi",
                      summary = "A WPI center over ten years",
                      value =
                          "{\"programCode\":\"WPI\",\"title\":\"Center for quantum materials\","
                              + "\"summary\":\"A world premier international research center\","
                              + "\"principalInvestigator\":{\"name\":\"Hanako Yamada\","
                              + "\"institution\":\"Kyoto University\",\"country\":\"JP\"},"
                              + "\"hostInstitutions\":[\"Kyoto University\"],\"startFiscalYear\":2026,"
                              + "\"durationYears\":10,\"requestedPlan\":["
                              + "{\"fiscalYear\":2026,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2027,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2028,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2029,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2030,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2031,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2032,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2033,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2034,\"amountYen\":700000000},"
                              + "{\"fiscalYear\":2035,\"amountYen\":700000000}],"
                              + "\"plannedFigures\":{\"principalInvestigators\":10,\"totalStaff\":100,"
                              + "\"researchers\":60,\"researchersFromAbroad\":20}}")))
  @APIResponse(
      responseCode = "201",
      description = "Submitted: the new grant's id and version (also its ETag); Location names it",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GrantRequests.Accepted.class),
              examples =
                  @ExampleObject(
                      name = "submitted",
                      summary = "The new grant, at version 0",
                      value =
                          "{\"grantId\":\"3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f\",\"version\":0}")))
  public Response submit(
      @Valid @NotNull SubmitProposal body, @HeaderParam(IDEMPOTENCY_KEY) String key) {
    UUID grantId = UUID.randomUUID();
    Actor actor = currentActor.get();
    return executor.execute(
        key,
        body,
        null,
        true,
        () -> {
          if (body.callId() != null) {
            // in the submission's transaction: the call counts it, or refuses it, with the
            // proposal
            calls.acceptProposal(body.callId(), body.programCode(), body.startFiscalYear());
          }
          return new SubmitProposalCommand(
              grantId,
              body.programCode(),
              body.title(),
              body.summary(),
              actor.subject(),
              body.principalInvestigator().toInvestigator(),
              body.hostInstitutions(),
              body.startFiscalYear(),
              body.durationYears(),
              Amount.all(body.requestedPlan()),
              body.planned(),
              body.callId());
        });
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Operation(summary = "A grant's current state, rebuilt from its events; the ETag is its version")
  @APIResponse(
      responseCode = "200",
      description = "The grant as its events left it; the ETag is its version",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GrantView.class)))
  public Response get(@PathParam("id") UUID id) {
    GrantView view = visible(id);
    return Response.ok(view).tag(CommandExecutor.etag(view.version())).build();
  }

  @GET
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Transactional
  @Operation(
      summary =
          "Search grants by program, status (suspended and Academy centers included), fiscal year,"
              + " institution and principal investigator (applicants see their own)")
  public GrantQueries.Page list(
      @QueryParam("program") @Size(max = 50) String program,
      @QueryParam("status") @Pattern(regexp = STATUSES) String status,
      @QueryParam("fiscalYear") @Min(2000) @Max(2100) Integer fiscalYear,
      @QueryParam("institution") @Size(max = 300) String institution,
      @Parameter(description = "The principal investigator's name, exactly (case ignored)")
          @QueryParam("pi")
          @Size(max = 200)
          String pi,
      @Parameter(description = "The call for proposals the grants were submitted to")
          @QueryParam("call")
          UUID call,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    Actor actor = currentActor.get();
    String applicant = actor.is(Roles.APPLICANT) ? actor.subject() : null;
    return queries.find(
        new GrantQueries.Filter(program, status, fiscalYear, institution, applicant, pi, call),
        page,
        size);
  }

  @GET
  @Path("/portfolio")
  @RolesAllowed({Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Transactional
  @Operation(
      summary = "Counts and amounts of grants per program and status",
      description =
          "Optionally of one program, of the grants whose term covers a fiscal year, and of the"
              + " grants submitted to one call for proposals: how many, the yen awarded (their"
              + " totals) and the yen paid (less refunds).")
  public List<GrantQueries.PortfolioRow> portfolio(
      @QueryParam("program") @Size(max = 50) String program,
      @QueryParam("fiscalYear") @Min(2000) @Max(2100) Integer fiscalYear,
      @Parameter(description = "The call for proposals the grants were submitted to")
          @QueryParam("call")
          UUID call) {
    return queries.portfolio(program, fiscalYear, call);
  }

  /** Every status a grant can have, for the status filter. */
  static final String STATUSES =
      "PROPOSED|SCREENED|REJECTED|DECLINED|ACTIVE|WINDING_DOWN|SUSPENDED|TERMINATED|CLOSED|ACADEMY";

  @GET
  @Path("/{id}/disbursements")
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.FINANCE, Roles.AUDITOR})
  @Operation(
      summary =
          "Every disbursement of a grant, settled ones included, in the order of its history (read model);"
              + " filter by state and fiscal year. With the grant's money per fiscal year (allocation, carried in and out,"
              + " paid, indirect, refunded, reported, final) and its settlement, as the grant holds them")
  public GrantQueries.Disbursements disbursements(
      @PathParam("id") UUID id,
      @QueryParam("state") @Pattern(regexp = "REQUESTED|DISBURSED|REJECTED") String state,
      @QueryParam("fiscalYear") @Min(2000) @Max(2100) Integer fiscalYear,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    // Who may see the grant is decided as for GET /{id}, from the grant itself (a constant-size
    // load),
    // which also gives the money per fiscal year as the grant holds it.
    GrantView grant = visible(id);
    return queries
        .disbursements(
            id, state == null ? null : DisbursementState.valueOf(state), fiscalYear, page, size)
        .withMoneyOf(grant);
  }

  /** The grant, if the caller may see it: applicants only their own (others are "not found"). */
  GrantView visible(UUID id) {
    GrantView view = gateway.load(id).orElseThrow(() -> new NotFoundException("no grant " + id));
    Actor actor = currentActor.get();
    if (actor.is(Roles.APPLICANT) && !actor.subject().equals(view.applicantId())) {
      throw new NotFoundException("no grant " + id);
    }
    return view;
  }
}
