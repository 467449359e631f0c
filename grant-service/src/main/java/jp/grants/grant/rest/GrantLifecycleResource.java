package jp.grants.grant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every step of a grant's life after submission. Each call honours {@code If-Match} (the grant's
 * version from an ETag: 412 if it moved on) and {@code Idempotency-Key} (a retry gets the first
 * answer and appends nothing), and answers with the new version as ETag.
 */
@Path("/api/v1/grants/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "200",
    description = "The step was taken: the grant's id and new version (also its ETag)",
    headers = @Header(name = "ETag"),
    content =
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = GrantRequests.Accepted.class)))
@Tag(
    name = "Grant lifecycle",
    description =
        "The steps of a grant from screening to closeout, each an event in its history; If-Match and Idempotency-Key on every step")
public class GrantLifecycleResource {
  @Inject CommandExecutor executor;
  @Inject GrantResource grants;
  @Inject CurrentActor currentActor;

  @POST
  @Path("/screening")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Screen a proposal: eligible goes to selection review, ineligible is rejected")
  public Response screen(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.Screening body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/award")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Award a screened proposal directly, with the given plan or the one it asked for",
      description =
          "A program officer's direct award, with its reason, where the catalog's deciders say"
              + " OFFICER_OR_COMMITTEE for SELECTION (422 DIRECT-DECISION-REASON without one). Where only the committee"
              + " decides (WPI, WPI-CORE, WPI-MULTI, KAKENHI-ILR) it is refused with 409 DECISION-BY-COMMITTEE: the"
              + " committee decides a review in review-service and its ReviewCompleted awards the grant.")
  @APIResponse(
      responseCode = "200",
      description = "Awarded: the grant's id and new version (also its ETag)",
      headers = @Header(name = "ETag"),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GrantRequests.Accepted.class),
              examples =
                  @ExampleObject(
                      name = "awarded",
                      summary = "Awarded after screening",
                      value =
                          "{\"grantId\":\"3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f\",\"version\":2}")))
  public Response award(
      @BeanParam GrantStep step,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = GrantRequests.Award.class),
                      examples =
                          @ExampleObject(
                              name = "direct",
                              summary = "A direct award with the plan as asked, and its reason",
                              value =
                                  "{\"allocations\":[{\"fiscalYear\":2026,\"amountYen\":30000000},"
                                      + "{\"fiscalYear\":2027,\"amountYen\":30000000}],"
                                      + "\"reason\":\"decided by the funder's panel on 2026-03-12\"}")))
          @Valid
          @NotNull
          GrantRequests.Award body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/decline")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Decline a screened proposal directly, with its reason",
      description =
          "Only where the catalog's deciders say OFFICER_OR_COMMITTEE for SELECTION; else 409"
              + " DECISION-BY-COMMITTEE (the committee's review declines it).")
  public Response decline(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.Decline body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/follow-ups")
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER})
  @Operation(
      summary =
          "Report the annual follow-up of a fiscal year (PIs, staff, researchers from abroad)")
  public Response followUp(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.FollowUp body) {
    onlyOwnGrantOfAnApplicant(step);
    return executor.step(step, body);
  }

  @POST
  @Path("/stage-gate")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "Schedule the stage gate (WPI CORE: by year 5)")
  public Response scheduleStageGate(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.ScheduleStageGate body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/stage-gate/decision")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Record the stage gate's outcome directly: PASSED steps up, FAILED winds down",
      description =
          "Only where the catalog's deciders say OFFICER_OR_COMMITTEE for STAGE_GATE, with a reason (422"
              + " DIRECT-DECISION-REASON without one); WPI CORE's stage gate is its committee's (409"
              + " DECISION-BY-COMMITTEE): a STAGE_GATE review in review-service decides it.")
  public Response decideStageGate(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.StageGateDecision body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/evaluations/{kind}")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "Schedule the interim or final evaluation")
  public Response scheduleEvaluation(
      @BeanParam GrantStep step,
      @PathParam("kind") String kind,
      @Valid @NotNull GrantRequests.ScheduleEvaluation body) {
    return executor.step(
        step, body, version -> body.command(step.id(), version, GrantRequests.kind(kind)));
  }

  @POST
  @Path("/evaluations/{kind}/result")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Record the interim or final evaluation's grade (S, A, B, C) directly",
      description =
          "Only where the catalog's deciders say OFFICER_OR_COMMITTEE for the evaluation, with the summary"
              + " as its reason (422 DIRECT-DECISION-REASON without one); else 409 DECISION-BY-COMMITTEE (an"
              + " INTERIM_EVALUATION or FINAL_EVALUATION review in review-service decides it).")
  public Response completeEvaluation(
      @BeanParam GrantStep step,
      @PathParam("kind") String kind,
      @Valid @NotNull GrantRequests.EvaluationResult body) {
    return executor.step(
        step, body, version -> body.command(step.id(), version, GrantRequests.kind(kind)));
  }

  @POST
  @Path("/extension")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary =
          "Extend the grant where its program allows (WPI: up to 5 years at up to 300,000,000 yen)")
  public Response extend(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.Extension body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/suspension")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary =
          "Suspend a running grant (中断) from a date in its term: nothing is paid, requested or"
              + " reported until it is resumed or terminated")
  public Response suspend(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.Suspension body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/resumption")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary =
          "Resume a suspended grant (再開) in the status it had; its term and money do not move")
  public Response resume(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.Resumption body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/principal-investigator")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Replace the principal investigator (代表者交替) from a date in the grant's term",
      description =
          "Running or suspended grants; 422 CHANGE-DATE outside the term, PI-CHANGE-SAME for the"
              + " same person. Review-service checks conflicts of interest against the new PI"
              + " from this change on.")
  public Response changePrincipalInvestigator(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.PrincipalInvestigatorChange body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/host-institutions")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Change the host institutions (the whole new list) from a date in the term",
      description =
          "A move to another institution, or for Multiple Host WPI a host added or removed; the"
              + " program's host rule applies as to a proposal (422 HOSTS), HOST-CHANGE-SAME for"
              + " the same list.")
  public Response changeHostInstitutions(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.HostInstitutionsChange body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/no-cost-extension")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Move an active grant's end by whole fiscal years without money",
      description =
          "The total and every year's allocation stay unchanged; money reaches the new year only"
              + " by a carry-over. At most one year in all (422 NO-COST-EXTENSION-YEARS).")
  public Response extendAtNoCost(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.NoCostExtension body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/world-premier-status")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(
      summary = "Grant a closed WPI center World Premier Status: a WPI Academy center",
      description =
          "Closed grants of the WPI programs whose final evaluation was graded S (409"
              + " ACADEMY-EVALUATION otherwise, 422 ACADEMY-PROGRAM for other programs).")
  public Response grantWorldPremierStatus(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.WorldPremierStatus body) {
    return executor.step(step, body, version -> body.grant(step.id(), version));
  }

  @POST
  @Path("/world-premier-status/withdrawal")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "Withdraw an Academy center's World Premier Status: closed again")
  public Response withdrawWorldPremierStatus(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.WorldPremierStatus body) {
    return executor.step(step, body, version -> body.withdrawal(step.id(), version));
  }

  @POST
  @Path("/academy-reports")
  @RolesAllowed({Roles.APPLICANT, Roles.PROGRAM_OFFICER})
  @Operation(
      summary = "Submit a WPI Academy center's annual report (once a fiscal year)",
      description =
          "The lighter report of a center without program money: its PIs, researchers and what it"
              + " did for the network. 409 ACADEMY-REPORT-ONCE-PER-YEAR for a second one.")
  public Response submitAcademyReport(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.AcademyReport body) {
    onlyOwnGrantOfAnApplicant(step);
    return executor.step(step, body);
  }

  @POST
  @Path("/termination")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "End the grant early; nothing is paid for years after lastFiscalYear")
  public Response terminate(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.Termination body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/closure")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "Close the grant out")
  public Response close(@BeanParam GrantStep step, @Valid @NotNull GrantRequests.Closure body) {
    return executor.step(step, body);
  }

  @POST
  @Path("/disbursement-requests")
  @RolesAllowed(Roles.FINANCE)
  @Operation(
      summary =
          "Ask the ledger to pay out of the grant; the answer arrives as FundsDisbursed or DisbursementRejected")
  public Response requestDisbursement(
      @BeanParam GrantStep step, @Valid @NotNull GrantRequests.DisbursementRequest body) {
    UUID disbursementId = UUID.randomUUID();
    return executor.step(
        step, body, disbursementId, version -> body.command(step.id(), version, disbursementId));
  }

  /** An applicant reports only on their own grant; officers see every grant. */
  private void onlyOwnGrantOfAnApplicant(GrantStep step) {
    if (currentActor.get().is(Roles.APPLICANT)) {
      grants.visible(step.id());
    }
  }
}
