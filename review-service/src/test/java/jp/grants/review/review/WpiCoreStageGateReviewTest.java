package jp.grants.review.review;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.decide;
import static jp.grants.review.support.ReviewApi.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.grant.FinalEvaluationScheduled;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.review.ReviewReopened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.Committees;
import jp.grants.review.support.Envelopes;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import jp.grants.review.support.ReviewEventsTopic;
import org.junit.jupiter.api.Test;

/**
 * WPI CORE after its award: annual follow-ups, the stage gate to STEP-UP, interim and final
 * evaluations open their reviews from grant-events, and the committee's decisions are published.
 */
@QuarkusTest
class WpiCoreStageGateReviewTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @Test
  void shouldPassAStageGateWhoseFollowUpMeetsTheStepUpPhaseAndPublishItOnce() {
    UUID grantId = grantEvents.awardedCoreGrant("Daichi Kobayashi", "Hokkaido University");
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2028, 8, 75, 60, 20, "eight PIs, a third from abroad"));
    grantEvents.publish(
        new StageGateScheduled(grantId, "WPI-CORE", 2029, LocalDate.of(2029, 6, 1), "STEP-UP"));
    UUID reviewId = awaitReview(grantId, "STAGE_GATE");
    List<Reviewer> committee = compliantCoreCommittee();
    Reviewer chair = committee.get(0);
    scoreByAllMembers(reviewId, committee, 4);

    decide(reviewId, chair, Map.of("recommendation", "PASS", "grade", "A", "rationale", "ready"))
        .statusCode(422)
        .body("rule", equalTo("DECISION-GRADE"));
    decide(reviewId, chair, Map.of("recommendation", "AWARD", "rationale", "ready"))
        .statusCode(422)
        .body("rule", equalTo("RECOMMENDATION-FITS-KIND"));
    decide(
            reviewId,
            chair,
            Map.of("recommendation", "PASS", "rationale", "ready", "allocations", overCapPlan()))
        .statusCode(422)
        .body("rule", equalTo("ANNUAL-CAP"));
    decide(
            reviewId,
            chair,
            Map.of(
                "recommendation",
                "PASS",
                "rationale",
                "Meets the STEP-UP requirements",
                "allocations",
                stepUpPlan()))
        .statusCode(200)
        .body("status", equalTo("DECIDED"))
        .body("targetPhase", equalTo("STEP-UP"))
        .body("followUp.fiscalYear", equalTo(2028))
        .body("followUp.principalInvestigators", equalTo(8))
        .body("decision.recommendation", equalTo("PASS"))
        .body("decision.meanScoreHundredths", equalTo(400));

    List<ReviewCompleted> completed = completedOf(grantId);
    assertThat(completed)
        .containsExactly(
            new ReviewCompleted(
                reviewId,
                grantId,
                "WPI-CORE",
                ReviewKind.STAGE_GATE,
                2029,
                Recommendation.PASS,
                null,
                400,
                "Meets the STEP-UP requirements",
                "WPI-CORE",
                java.util.stream.IntStream.rangeClosed(2030, 2034)
                    .mapToObj(y -> new FiscalYearAmount(y, 700_000_000L))
                    .toList()));
  }

  @Test
  void shouldRefuseToPassAStageGateWhoseFollowUpFallsShortButTakeAFail() {
    UUID grantId = grantEvents.awardedCoreGrant("Emi Suzuki", "Kyushu University");
    grantEvents.publish(new AnnualFollowUpReported(grantId, 2028, 6, 80, 60, 30, "six PIs"));
    grantEvents.publish(
        new StageGateScheduled(grantId, "WPI-CORE", 2029, LocalDate.of(2029, 6, 1), "STEP-UP"));
    UUID reviewId = awaitReview(grantId, "STAGE_GATE");
    List<Reviewer> committee = compliantCoreCommittee();
    scoreByAllMembers(reviewId, committee, 2);

    decide(reviewId, committee.get(0), Map.of("recommendation", "PASS", "rationale", "promising"))
        .statusCode(409)
        .body("rule", equalTo("STAGE-GATE-REQUIREMENTS"))
        .body("detail", containsString("the FY2028 follow-up reports 6 PIs"));
    decide(reviewId, committee.get(0), Map.of("recommendation", "FAIL", "rationale", "too few PIs"))
        .statusCode(200)
        .body("decision.recommendation", equalTo("FAIL"));

    assertThat(completedOf(grantId))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.recommendation()).isEqualTo(Recommendation.FAIL);
              assertThat(event.meanScoreHundredths()).isEqualTo(200);
              assertThat(event.allocations()).isEmpty();
            });
  }

  /**
   * The catalog's readiness check, as grant-service applies it: no follow-up up to the gate, no
   * PASS.
   */
  @Test
  void shouldRefuseToPassAStageGateWithoutAFollowUpUpToTheGate() {
    UUID grantId = grantEvents.awardedCoreGrant("Fumio Sato", "Shinshu University");
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2030, 9, 90, 60, 30, "after the gate: not judged"));
    grantEvents.publish(
        new StageGateScheduled(grantId, "WPI-CORE", 2029, LocalDate.of(2029, 6, 1), "STEP-UP"));
    UUID reviewId = awaitReview(grantId, "STAGE_GATE");
    List<Reviewer> committee = compliantCoreCommittee();
    scoreByAllMembers(reviewId, committee, 4);

    decide(reviewId, committee.get(0), Map.of("recommendation", "PASS", "rationale", "promising"))
        .statusCode(409)
        .body("rule", equalTo("STAGE-GATE-NEEDS-FOLLOW-UP"))
        .body("detail", containsString("up to FY2029"));
    assertThat(completedOf(grantId)).isEmpty();
  }

  @Test
  void shouldGradeAnAnnualFollowUpWithTheReportedFiguresInTheReviewersView() {
    UUID grantId = grantEvents.awardedCoreGrant("Goro Tanaka", "Kobe University");
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2026, 5, 52, 40, 13, "first full year"));
    UUID reviewId = awaitReview(grantId, "FOLLOW_UP");
    List<Reviewer> committee = compliantCoreCommittee();
    assign(reviewId, committee.get(1)).statusCode(201);

    as(committee.get(1).subject(), Roles.REVIEWER)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("kind", equalTo("FOLLOW_UP"))
        .body("followUp.fiscalYear", equalTo(2026))
        .body("followUp.totalStaff", equalTo(52))
        .body("followUp.researchersFromAbroad", equalTo(13))
        .body("followUp.narrative", equalTo("first full year"));
    score(reviewId, committee.get(1), "WPI-CORE", 5, Map.of()).statusCode(200);
    decide(reviewId, committee.get(0), Map.of("recommendation", "GRADED", "rationale", "on track"))
        .statusCode(422)
        .body("rule", equalTo("DECISION-GRADE"));
    decide(
            reviewId,
            committee.get(0),
            Map.of("recommendation", "GRADED", "grade", "S", "rationale", "on track"))
        .statusCode(200)
        .body("decision.grade", equalTo("S"));

    assertThat(completedOf(grantId))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.kind()).isEqualTo(ReviewKind.FOLLOW_UP);
              assertThat(event.fiscalYear()).isEqualTo(2026);
              assertThat(event.grade()).isEqualTo("S");
            });
  }

  @Test
  void shouldOpenInterimAndFinalEvaluationsFromTheirScheduledEvents() {
    UUID grantId = grantEvents.awardedCoreGrant("Hana Kato", "Hiroshima University");
    grantEvents.publish(new InterimEvaluationScheduled(grantId, "WPI-CORE", 2029));
    grantEvents.publish(new FinalEvaluationScheduled(grantId, "WPI-CORE", 2034));

    UUID interim = awaitReview(grantId, "INTERIM_EVALUATION");
    UUID last = awaitReview(grantId, "FINAL_EVALUATION");

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + interim)
        .then()
        .statusCode(200)
        .body("fiscalYear", equalTo(2029))
        .body("status", equalTo("OPEN"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + last)
        .then()
        .statusCode(200)
        .body("fiscalYear", equalTo(2034));
  }

  @Test
  void shouldWithdrawOpenReviewsOfATerminatedGrantSoThatNobodyDecidesThem() {
    UUID grantId = grantEvents.awardedCoreGrant("Iku Nishi", "Kumamoto University");
    grantEvents.publish(new InterimEvaluationScheduled(grantId, "WPI-CORE", 2029));
    UUID reviewId = awaitReview(grantId, "INTERIM_EVALUATION");
    List<Reviewer> committee = compliantCoreCommittee();

    grantEvents.publish(new GrantTerminated(grantId, 2029, "misconduct"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(ReviewApi.AUDITOR, Roles.AUDITOR)
                    .get("/api/v1/reviews/" + reviewId)
                    .then()
                    .body("status", equalTo("WITHDRAWN"))
                    .body("withdrawnReason", containsString("misconduct")));
    assign(reviewId, committee.get(1)).statusCode(409).body("rule", equalTo("REVIEW-OPEN"));
    decide(
            reviewId,
            committee.get(0),
            Map.of("recommendation", "GRADED", "grade", "C", "rationale", "late"))
        .statusCode(409)
        .body("rule", equalTo("REVIEW-OPEN"));
  }

  /**
   * The grant moved on after the review checked the decision (here: its stage gate was decided
   * already): grant-service records CommitteeDecisionRefused instead of dead-lettering the event,
   * and the review opens again, keeps the refused decision, and is decided anew, each decision
   * published under an id of its own.
   */
  @Test
  void shouldReopenAReviewWhoseDecisionTheGrantRefusedAndLetTheCommitteeDecideAgain() {
    UUID grantId = grantEvents.awardedCoreGrant("Jun Mori", "Okayama University");
    Decided first = stepUpGateDecidedPass(grantId, "first decision");
    UUID reviewId = first.reviewId();
    Reviewer chair = first.chair();

    // A refusal naming a decision that is not the review's current one changes nothing.
    grantEvents.publish(
        new CommitteeDecisionRefused(
            grantId,
            reviewId,
            "not-the-decision",
            ReviewKind.STAGE_GATE,
            Recommendation.PASS,
            "STAGE-GATE-SCHEDULED",
            "stale"));
    grantEvents.publish(
        new CommitteeDecisionRefused(
            grantId,
            reviewId,
            first.completed().id(),
            ReviewKind.STAGE_GATE,
            Recommendation.PASS,
            "STAGE-GATE-SCHEDULED",
            "no stage gate is scheduled"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(ReviewApi.AUDITOR, Roles.AUDITOR)
                    .get("/api/v1/reviews/" + reviewId)
                    .then()
                    .body("status", equalTo("OPEN"))
                    .body("decision", equalTo(null))
                    .body("refusedDecisions.size()", equalTo(1))
                    .body("refusedDecisions[0].round", equalTo(1))
                    .body("refusedDecisions[0].rationale", equalTo("first decision"))
                    .body("refusedDecisions[0].refusedRule", equalTo("STAGE-GATE-SCHEDULED"))
                    .body("refusedDecisions[0].decidedBy", equalTo(chair.subject())));
    assertThat(published(grantId, ReviewReopened.class))
        .singleElement()
        .satisfies(
            envelope -> {
              ReviewReopened event = Envelopes.data(envelope, ReviewReopened.class);
              assertThat(event.round()).isEqualTo(1);
              assertThat(event.rule()).isEqualTo("STAGE-GATE-SCHEDULED");
            });

    decide(reviewId, chair, Map.of("recommendation", "FAIL", "rationale", "second decision"))
        .statusCode(200)
        .body("status", equalTo("DECIDED"))
        .body("decision.recommendation", equalTo("FAIL"));
    List<EventEnvelope> completed = published(grantId, ReviewCompleted.class);
    assertThat(completed).hasSize(2);
    assertThat(completed.get(0).id()).isNotEqualTo(completed.get(1).id());
    assertThat(Envelopes.data(completed.get(1), ReviewCompleted.class).recommendation())
        .isEqualTo(Recommendation.FAIL);
  }

  /**
   * The committee decided, then the grant was terminated before it applied the decision, so the
   * grant refused it (GRANT-STATUS): reopening would leave a review nobody can ever decide (a
   * terminated grant takes no decision), so the review is withdrawn, keeps the refused decision,
   * and no ReviewReopened is published.
   */
  @Test
  void shouldWithdrawInsteadOfReopeningAReviewWhoseDecisionATerminatedGrantRefused() {
    UUID grantId = grantEvents.awardedCoreGrant("Kaori Ueda", "Niigata University");
    Decided decision = stepUpGateDecidedPass(grantId, "decided before the termination");
    UUID reviewId = decision.reviewId();
    Reviewer chair = decision.chair();

    grantEvents.publish(new GrantTerminated(grantId, 2029, "misconduct"));
    grantEvents.publish(
        new CommitteeDecisionRefused(
            grantId,
            reviewId,
            decision.completed().id(),
            ReviewKind.STAGE_GATE,
            Recommendation.PASS,
            "GRANT-STATUS",
            "cannot pass the stage gate of a TERMINATED grant"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(ReviewApi.AUDITOR, Roles.AUDITOR)
                    .get("/api/v1/reviews/" + reviewId)
                    .then()
                    .body("status", equalTo("WITHDRAWN"))
                    .body("withdrawnReason", containsString("terminated"))
                    .body("withdrawnReason", containsString("GRANT-STATUS"))
                    .body("decision", equalTo(null))
                    .body("refusedDecisions.size()", equalTo(1))
                    .body(
                        "refusedDecisions[0].rationale", equalTo("decided before the termination"))
                    .body("refusedDecisions[0].refusedRule", equalTo("GRANT-STATUS")));
    assertThat(ReviewEventsTopic.ofGrant(grantId).stream().map(p -> p.envelope().type()))
        .doesNotContain(EventTypes.nameOf(ReviewReopened.class))
        .containsOnlyOnce(EventTypes.nameOf(ReviewCompleted.class));
    decide(reviewId, chair, Map.of("recommendation", "FAIL", "rationale", "too late"))
        .statusCode(409)
        .body("rule", equalTo("REVIEW-OPEN"));
  }

  /** A review whose committee decided PASS, and the ReviewCompleted it published. */
  private record Decided(UUID reviewId, Reviewer chair, EventEnvelope completed) {}

  /**
   * The grant reported its follow-up, its step-up gate opened a review, and the committee passed
   * it.
   */
  private static Decided stepUpGateDecidedPass(UUID grantId, String rationale) {
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2028, 8, 75, 60, 20, "ready for the gate"));
    grantEvents.publish(
        new StageGateScheduled(grantId, "WPI-CORE", 2029, LocalDate.of(2029, 6, 1), "STEP-UP"));
    UUID reviewId = awaitReview(grantId, "STAGE_GATE");
    List<Reviewer> committee = compliantCoreCommittee();
    Reviewer chair = committee.get(0);
    scoreByAllMembers(reviewId, committee, 4);
    decide(
            reviewId,
            chair,
            Map.of("recommendation", "PASS", "rationale", rationale, "allocations", stepUpPlan()))
        .statusCode(200);
    return new Decided(reviewId, chair, published(grantId, ReviewCompleted.class).get(0));
  }

  /** The envelopes of this type that review-service published for the grant, in order. */
  private static List<EventEnvelope> published(UUID grantId, Class<?> type) {
    return ReviewEventsTopic.ofGrant(grantId).stream()
        .map(ReviewEventsTopic.Published::envelope)
        .filter(envelope -> envelope.type().equals(EventTypes.nameOf(type)))
        .toList();
  }

  private static List<Reviewer> compliantCoreCommittee() {
    return Committees.compliantCoreCommittee();
  }

  private static void scoreByAllMembers(UUID reviewId, List<Reviewer> committee, int score) {
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", score);
  }

  /** Every year after the FY2029 gate, to the grant's end in FY2034, at the STEP-UP cap. */
  private static List<Map<String, Object>> stepUpPlan() {
    return java.util.stream.IntStream.rangeClosed(2030, 2034)
        .mapToObj(year -> Map.<String, Object>of("fiscalYear", year, "amountYen", 700_000_000L))
        .toList();
  }

  private static List<Map<String, Object>> overCapPlan() {
    List<Map<String, Object>> plan = new java.util.ArrayList<>(stepUpPlan());
    plan.set(0, Map.of("fiscalYear", 2030, "amountYen", 700_000_001L));
    return plan;
  }

  private static List<ReviewCompleted> completedOf(UUID grantId) {
    return published(grantId, ReviewCompleted.class).stream()
        .map(envelope -> Envelopes.data(envelope, ReviewCompleted.class))
        .toList();
  }
}
