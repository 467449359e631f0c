package jp.grants.review.review;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.decide;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.RequirementShortfall;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import jp.grants.review.support.ReviewEventsTopic;
import org.junit.jupiter.api.Test;

/**
 * The seeds' thresholds at the review: a selection's AWARD is checked against the proposal's
 * planned figures by the catalog's award check, the one grant-service applies, before the review is
 * DECIDED; an evaluation lists the follow-ups that fell short of their phase's requirements.
 * Multiple Host WPI (7 PIs, 70 staff, 30 % from abroad), which no other test of this module uses.
 */
@QuarkusTest
class ThresholdsAtReviewTest {
  private static final String PROGRAM = "WPI-MULTI";
  private static final List<String> HOSTS = List.of("Kanazawa University", "Shinshu University");
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static List<Reviewer> committee;

  /** Exactly half from abroad, set once (the application is up only once the first test runs). */
  private static synchronized List<Reviewer> committee() {
    if (committee != null) {
      return committee;
    }
    Reviewer chair = register("Kenji Mori", "Kobe University", "JP");
    Reviewer fr = register("Claire Dubois", "Sorbonne Universite", "FR");
    Reviewer de = register("Jonas Weber", "Universitat Heidelberg", "DE");
    Reviewer jp = register("Rie Abe", "Chiba University", "JP");
    setCommittee(PROGRAM, chair, "CHAIR", fr, "MEMBER", de, "MEMBER", jp, "MEMBER")
        .statusCode(200)
        .body("composition.compliant", equalTo(true));
    committee = List.of(chair, fr, de, jp);
    return committee;
  }

  private static UUID screenedSelection(CenterFigures planned) {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId, PROGRAM, "Nao Ueda", "Kanazawa University", HOSTS, 2027, 10, planned));
    grantEvents.publish(new ProposalScreened(grantId, PROGRAM, "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");
    for (Reviewer member : committee().subList(1, committee().size())) {
      assign(reviewId, member).statusCode(201);
      score(reviewId, member, PROGRAM, 4, Map.of()).statusCode(200);
    }
    return reviewId;
  }

  private static List<?> completedOf(UUID grantId) {
    return ReviewEventsTopic.ofGrant(grantId).stream()
        .filter(p -> p.envelope().type().equals(EventTypes.nameOf(ReviewCompleted.class)))
        .toList();
  }

  private static void assertStillOpen(UUID reviewId) {
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("status", equalTo("OPEN"));
  }

  @Test
  void shouldRefuseAnAwardBelowTheCallsRequirementsBeforeTheReviewIsDecided() {
    UUID reviewId = screenedSelection(new CenterFigures(7, 70, 70, 20));
    Map<String, Object> award = Map.of("recommendation", "AWARD", "rationale", "excellent science");

    decide(reviewId, committee().get(0), award)
        .statusCode(422)
        .body("rule", equalTo("REQUIREMENT-FOREIGN-RESEARCHERS"))
        .body("detail", containsString("21 of 70; 20 given"));
    assertStillOpen(reviewId);
    // The committee can still decide what the grant will accept.
    decide(
            reviewId,
            committee().get(0),
            Map.of("recommendation", "DECLINE", "rationale", "too few from abroad"))
        .statusCode(200)
        .body("status", equalTo("DECIDED"));
  }

  @Test
  void shouldRefuseAnAwardOfAProposalThatStatesNoPlannedFigures() {
    UUID reviewId = screenedSelection(null);
    UUID grantId =
        UUID.fromString(
            as(ReviewApi.AUDITOR, Roles.AUDITOR)
                .get("/api/v1/reviews/" + reviewId)
                .then()
                .extract()
                .path("grant.grantId"));

    decide(
            reviewId,
            committee().get(0),
            Map.of("recommendation", "AWARD", "rationale", "excellent"))
        .statusCode(422)
        .body("rule", equalTo("REQUIREMENT-PLANNED-FIGURES"));
    assertStillOpen(reviewId);
    assertThat(completedOf(grantId)).isEmpty();
  }

  @Test
  void shouldDecideAnAwardOfACenterPlannedExactlyAtTheRequirements() {
    UUID reviewId = screenedSelection(new CenterFigures(7, 70, 70, 21));
    decide(
            reviewId,
            committee().get(0),
            Map.of("recommendation", "AWARD", "rationale", "meets the call"))
        .statusCode(200)
        .body("status", equalTo("DECIDED"));
  }

  @Test
  void shouldShowAnInterimEvaluationTheFollowUpsBelowTheRequirements() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            PROGRAM,
            "Sho Kato",
            "Shinshu University",
            HOSTS,
            2026,
            10,
            GrantEventsTopic.SIZED));
    grantEvents.publish(
        new GrantAwarded(
            grantId,
            PROGRAM,
            "MAIN",
            2026,
            2035,
            List.of(new FiscalYearAmount(2026, 700_000_000L)),
            700_000_000L,
            List.of(ExpenseCategory.PERSONNEL),
            null));
    RequirementShortfall fewPis =
        new RequirementShortfall(
            "REQUIREMENT-PRINCIPAL-INVESTIGATORS",
            7,
            6,
            "at least 7 principal investigators; 6 given");
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2026, 8, 80, 60, 20, "fine", List.of()));
    grantEvents.publish(
        new AnnualFollowUpReported(grantId, 2027, 6, 80, 60, 20, "two PIs left", List.of(fewPis)));
    grantEvents.publish(
        new AnnualFollowUpReported(
            grantId, 2031, 6, 80, 60, 20, "after the evaluation", List.of(fewPis)));
    grantEvents.publish(new InterimEvaluationScheduled(grantId, PROGRAM, 2030));
    UUID reviewId = awaitReview(grantId, "INTERIM_EVALUATION");

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("followUpsBelowRequirements", hasSize(1))
        .body("followUpsBelowRequirements[0].fiscalYear", equalTo(2027))
        .body(
            "followUpsBelowRequirements[0].shortfalls[0].rule",
            equalTo("REQUIREMENT-PRINCIPAL-INVESTIGATORS"))
        .body("followUpsBelowRequirements[0].shortfalls[0].required", equalTo(7))
        .body("followUpsBelowRequirements[0].shortfalls[0].given", equalTo(6));
  }
}
