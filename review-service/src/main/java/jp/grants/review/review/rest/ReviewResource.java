package jp.grants.review.review.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.IdempotentRequests;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.RequestInfo;
import jp.grants.review.committee.persistence.CommitteeMemberEntity;
import jp.grants.review.config.ReviewServiceConfig;
import jp.grants.review.review.command.AssignReviewerCommand;
import jp.grants.review.review.command.AssignmentHandler;
import jp.grants.review.review.command.DecisionHandler;
import jp.grants.review.review.command.ScorecardHandler;
import jp.grants.review.review.command.SubmitScorecardCommand;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.query.ReviewDetail;
import jp.grants.review.review.query.ReviewFilter;
import jp.grants.review.review.query.ReviewQueries;
import jp.grants.review.review.query.ReviewSummary;
import jp.grants.review.review.query.Viewer;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.web.QueryParams;
import jp.grants.review.web.RequestActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviews: opened by grant events, assigned, scored on the program's axes, and decided once. */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "Reviews",
    description =
        "Reviews of proposals, stage gates and evaluations: assignments, scorecards and the committee's decision")
public class ReviewResource {

  @Inject ReviewQueries queries;
  @Inject AssignmentHandler assignments;
  @Inject ScorecardHandler scorecards;
  @Inject DecisionHandler decisions;
  @Inject RequestActor request;
  @Inject IdempotentRequests idempotent;
  @Inject RequestInfo info;
  @Inject ReviewServiceConfig config;

  @GET
  @RolesAllowed({Roles.PROGRAM_OFFICER, Roles.COMMITTEE_CHAIR, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(
      summary =
          "Find reviews (a reviewer finds only those assigned to them, a chair those of their"
              + " committee's program; neither ever one of a grant they have a conflict of interest with)")
  public List<ReviewSummary> find(
      @QueryParam("grantId") String grantId,
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("limit") String limit) {
    ReviewFilter filter =
        new ReviewFilter(
            QueryParams.uuid("grantId", grantId),
            QueryParams.enumeration("status", status, ReviewStatus.class),
            QueryParams.enumeration("kind", kind, ReviewKind.class),
            QueryParams.bounded(
                "limit", limit, Math.min(50, config.maxListSize()), config.maxListSize()));
    return queries.find(filter, viewer());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.PROGRAM_OFFICER, Roles.COMMITTEE_CHAIR, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(
      summary =
          "A review with its grant, axes, assignments, scorecards, quorum, aggregate and decision"
              + " (404 to a reviewer not assigned to it, a chair of another program, or either with a conflict of interest)")
  public ReviewDetail get(@PathParam("id") UUID id) {
    return queries.get(id, viewer());
  }

  @POST
  @Path("/{id}/assignments")
  @RolesAllowed(Roles.PROGRAM_OFFICER)
  @Operation(summary = "Assign a voting committee member without conflicts of interest")
  @APIResponse(
      responseCode = "201",
      description = "Assigned; Location names the review",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AssignmentView.class)))
  public Response assign(
      @PathParam("id") UUID id,
      @Valid @NotNull AssignReviewerRequest body,
      @Context UriInfo uri,
      @HeaderParam(Idempotency.HEADER) String key) {
    return idempotent.once(
        request.actor().subject(),
        key,
        info.requestLine(),
        body,
        () -> {
          var assignment =
              assignments.handle(new AssignReviewerCommand(id, body.reviewerId()), request.actor());
          return Response.created(
                  uri.getBaseUriBuilder().path("api/v1/reviews").path(id.toString()).build())
              .entity(
                  new AssignmentView(
                      assignment.reviewId,
                      assignment.reviewerId,
                      assignment.assignedAt,
                      assignment.assignedBy))
              .build();
        });
  }

  @PUT
  @Path("/{id}/scorecards/mine")
  @RolesAllowed({Roles.REVIEWER, Roles.COMMITTEE_CHAIR})
  @Operation(summary = "Submit (or replace) the caller's scorecard: every axis 1-5 with a comment")
  public ReviewDetail.Scorecard score(
      @PathParam("id") UUID id, @Valid @NotNull ScorecardRequest body) {
    var scorecard =
        scorecards.handle(new SubmitScorecardCommand(id, body.toDomain()), request.actor());
    return new ReviewDetail.Scorecard(
        scorecard.reviewerId, scorecard.submittedAt, scorecard.axisScores());
  }

  @POST
  @Path("/{id}/decision")
  @RolesAllowed(Roles.COMMITTEE_CHAIR)
  @Operation(
      summary = "Decide the review (the program committee's chair, once)",
      description =
          "Refused with COMMITTEE-COMPOSITION when the committee breaks its program's rule, and with"
              + " REVIEW-QUORUM when too few assigned reviewers scored. Publishes ReviewCompleted on review-events.")
  @APIResponse(
      responseCode = "200",
      description =
          "Decided: the review with its decision (a retry with the same Idempotency-Key gets it again)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ReviewDetail.class),
              examples =
                  @ExampleObject(
                      name = "awarded",
                      summary = "A selection review decided AWARD (parts of the review left out)",
                      value =
                          "{\"id\":\"5b7d9f1a-3c5e-4a7b-8d9f-0a1b2c3d4e5f\",\"kind\":\"SELECTION\","
                              + "\"fiscalYear\":2026,\"status\":\"DECIDED\",\"openedAt\":\"2026-02-02T00:00:00Z\","
                              + "\"decision\":{\"recommendation\":\"AWARD\",\"grade\":null,"
                              + "\"rationale\":\"Outstanding on all three missions\",\"meanScoreHundredths\":429,"
                              + "\"allocations\":[{\"fiscalYear\":2026,\"amountYen\":700000000}],"
                              + "\"decidedBy\":\"chair-wpi-1\",\"decidedAt\":\"2026-03-12T05:00:00Z\"}}")))
  public Response decide(
      @PathParam("id") UUID id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = DecisionRequest.class),
                      examples =
                          @ExampleObject(
                              name = "award",
                              summary = "The chair awards a WPI proposal for its first year",
                              value =
                                  "{\"recommendation\":\"AWARD\",\"rationale\":\"Outstanding on all three missions\","
                                      + "\"allocations\":[{\"fiscalYear\":2026,\"amountYen\":700000000}]}")))
          @Valid
          @NotNull
          DecisionRequest body,
      @HeaderParam(Idempotency.HEADER) String key) {
    return idempotent.once(
        request.actor().subject(),
        key,
        info.requestLine(),
        body,
        () -> {
          decisions.handle(body.toCommand(id), request.actor(), request.metadata());
          return Response.ok(queries.get(id, Viewer.EVERYTHING)).build();
        });
  }

  /**
   * Reviewers and chairs read as members of the review process; officers and auditors read
   * everything.
   */
  private Viewer viewer() {
    Actor actor = request.actor();
    if (!actor.is(Roles.REVIEWER) && !actor.is(Roles.COMMITTEE_CHAIR)) {
      return Viewer.EVERYTHING;
    }
    var reviewer = ReviewerEntity.findBySubject(actor.subject());
    if (actor.is(Roles.REVIEWER)) {
      return Viewer.reviewer(reviewer.map(r -> r.id).orElse(null));
    }
    return Viewer.chair(
        reviewer.map(r -> r.id).orElse(null),
        Set.copyOf(reviewer.map(r -> CommitteeMemberEntity.chairedBy(r.id)).orElse(List.of())));
  }
}
