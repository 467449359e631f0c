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
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.review.ReviewOpened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.Envelopes;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import jp.grants.review.support.ReviewEventsTopic;
import jp.grants.review.support.ReviewEventsTopic.Published;
import org.junit.jupiter.api.Test;

/**
 * A WPI proposal from screening to the committee's award: the review opens from grant-events, a
 * compliant committee (five of eight voting members from abroad) is set, conflicted reviewers are
 * refused with the conflict stated, three reviewers score all eight axes, and the chair's AWARD is
 * published once on review-events.
 */
@QuarkusTest
class WpiSelectionReviewTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @Test
  void shouldTakeAScreenedWpiProposalToAnAwardPublishedOnce() {
    UUID grantId = UUID.randomUUID();
    int startYear =
        FiscalYears.of(Instant.now()) + 1; // screened this fiscal year, to start in the next
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "WPI",
            "Aiko Sato",
            "Tohoku University",
            List.of("Tohoku University"),
            startYear,
            10));
    grantEvents.publish(new ProposalScreened(grantId, "WPI", "complete and eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");

    Committee committee = compliantWpiCommittee();
    Reviewer chair = committee.chair();
    Reviewer klitzing = committee.voting().get(0);
    Reviewer zinn = committee.voting().get(1);
    Reviewer amano = committee.voting().get(2);
    Reviewer kawai = committee.voting().get(3);
    Reviewer local = committee.fromHost();
    Reviewer friend = committee.friendOfPi();
    Reviewer director = committee.director();

    assign(reviewId, local)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("detected INSTITUTION conflict (Tohoku University)"))
        .body("detail", containsString("host institution"));
    assign(reviewId, friend)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("declared PERSON conflict (aiko sato)"));
    assign(reviewId, director)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-NOT-ON-COMMITTEE"))
        .body("detail", containsString("role PROGRAM_DIRECTOR"));
    for (Reviewer reviewer : List.of(klitzing, zinn, amano, kawai)) {
      assign(reviewId, reviewer).statusCode(201);
    }
    assign(reviewId, kawai).statusCode(409).body("rule", equalTo("REVIEWER-ALREADY-ASSIGNED"));

    Map<String, Object> award =
        Map.of(
            "recommendation",
            "AWARD",
            "rationale",
            "Outstanding on all three missions",
            "allocations",
            awardPlan(startYear).stream()
                .map(
                    y ->
                        Map.<String, Object>of(
                            "fiscalYear", y.fiscalYear(), "amountYen", y.amountYen()))
                .toList());
    decide(reviewId, chair, award)
        .statusCode(409)
        .body("rule", equalTo("REVIEW-QUORUM"))
        .body("detail", containsString("0 of 4 assigned reviewer(s) have scored; WPI needs 3"));

    score(reviewId, klitzing, "WPI", 5, Map.of()).statusCode(200).body("scores", hasSize(8));
    score(reviewId, zinn, "WPI", 4, Map.of()).statusCode(200);
    decide(reviewId, chair, award)
        .statusCode(409)
        .body("rule", equalTo("REVIEW-QUORUM"))
        .body("detail", containsString("2 of 4"));
    score(reviewId, amano, "WPI", 4, Map.of("RESEARCH-IMPACT", 3)).statusCode(200);

    as(klitzing.subject(), Roles.REVIEWER)
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(403);
    String correlationId = "corr-award-" + grantId;
    String key = "decide-" + UUID.randomUUID();
    String decided =
        as(chair.subject(), Roles.COMMITTEE_CHAIR)
            .header("X-Correlation-Id", correlationId)
            .header("Idempotency-Key", key)
            .body(award)
            .post("/api/v1/reviews/" + reviewId + "/decision")
            .then()
            .statusCode(200)
            .body("status", equalTo("DECIDED"))
            .body("decision.recommendation", equalTo("AWARD"))
            .body("decision.meanScoreHundredths", equalTo(429))
            .body(
                "aggregate.axes.find { it.axis == 'RESEARCH-IMPACT' }.meanHundredths", equalTo(400))
            .body(
                "aggregate.axes.find { it.axis == 'SUSTAINABLE-CENTER' }.meanHundredths",
                equalTo(433))
            .extract()
            .asString();
    // a retry with the same key: the first answer again, nothing decided or published again
    String again =
        as(chair.subject(), Roles.COMMITTEE_CHAIR)
            .header("Idempotency-Key", key)
            .body(award)
            .post("/api/v1/reviews/" + reviewId + "/decision")
            .then()
            .statusCode(200)
            .header("Idempotent-Replayed", "true")
            .extract()
            .asString();
    assertThat(again).isEqualTo(decided);
    as(chair.subject(), Roles.COMMITTEE_CHAIR)
        .header("Idempotency-Key", key)
        .body(Map.of("recommendation", "DECLINE", "rationale", "changed my mind"))
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    decide(reviewId, chair, award).statusCode(409).body("rule", equalTo("REVIEW-ALREADY-DECIDED"));

    assertPublishedOnce(grantId, reviewId, chair, correlationId, startYear);
  }

  @Test
  void shouldOpenOneSelectionReviewWhenAGrantEventIsDeliveredAgain() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "WPI",
            "Taro Yamada",
            "Kyoto University",
            List.of("Kyoto University"),
            2027,
            10));
    var screened = grantEvents.publish(new ProposalScreened(grantId, "WPI", "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");

    grantEvents.send(screened); // the same envelope again: a redelivery
    grantEvents.publish(
        new ProposalScreened(grantId, "WPI", "screened twice by mistake")); // a new id, same review
    // A later event of the same grant, on the same partition: once its review is open, the ones
    // before were applied.
    grantEvents.publish(new AnnualFollowUpReported(grantId, 2027, 7, 70, 50, 20, "marker"));
    awaitReview(grantId, "FOLLOW_UP");

    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .queryParam("grantId", grantId.toString())
        .queryParam("kind", "SELECTION")
        .get("/api/v1/reviews")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(reviewId.toString())));
    assertThat(ReviewEventsTopic.ofGrant(grantId))
        .filteredOn(p -> p.envelope().type().equals(EventTypes.nameOf(ReviewOpened.class)))
        .hasSize(2); // SELECTION and FOLLOW_UP, each once
  }

  @Test
  void shouldShowReviewersTheProgramsEightAxesAndTheGrantUnderReview() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId, "WPI", "Yuki Ito", "Osaka University", List.of("Osaka University"), 2027, 10));
    grantEvents.publish(new ProposalScreened(grantId, "WPI", "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("status", equalTo("OPEN"))
        .body("grant.principalInvestigator", equalTo("Yuki Ito"))
        .body("grant.hostInstitutions", equalTo(List.of("Osaka University")))
        .body("axes", hasSize(8))
        .body("axes.mission.unique()", hasSize(3))
        .body("decision", nullValue());
  }

  /**
   * Five of eight voting members from abroad; one member works at the host, one declared the PI.
   */
  private record Committee(
      Reviewer chair,
      List<Reviewer> voting,
      Reviewer fromHost,
      Reviewer friendOfPi,
      Reviewer director) {}

  private static Committee compliantWpiCommittee() {
    Reviewer chair = register("Rita Colwell", "University of Maryland", "US");
    Reviewer klitzing = register("Klaus von Klitzing", "Max Planck Institute", "DE");
    Reviewer zinn = register("Jean Zinn-Justin", "CEA Saclay", "FR");
    Reviewer amano = register("Hiroshi Amano", "Nagoya University", "JP");
    Reviewer kawai = register("Maki Kawai", "Institute for Molecular Science", "JP");
    Reviewer local = register("Ken Mori", "TOHOKU  university", "JP");
    Reviewer friend = register("Anna Wallberg", "Karolinska Institutet", "SE");
    Reviewer lim = register("Lim Chuan Poh", "A*STAR", "SG");
    Reviewer director = register("Michinari Hamaguchi", "JST", "JP");
    setCommittee(
            "WPI",
            chair,
            "CHAIR",
            klitzing,
            "MEMBER",
            zinn,
            "MEMBER",
            amano,
            "MEMBER",
            kawai,
            "MEMBER",
            local,
            "MEMBER",
            friend,
            "MEMBER",
            lim,
            "MEMBER",
            director,
            "PROGRAM_DIRECTOR")
        .statusCode(200)
        .body("composition.votingMembers", equalTo(8))
        .body("composition.votingMembersFromOutsideJapan", equalTo(5))
        .body("composition.compliant", equalTo(true));
    as(friend.subject(), Roles.REVIEWER)
        .body(Map.of("kind", "PERSON", "value", "aiko sato", "reason", "co-author of the PI"))
        .post("/api/v1/reviewers/" + friend.id() + "/conflicts")
        .then()
        .statusCode(201);
    return new Committee(chair, List.of(klitzing, zinn, amano, kawai), local, friend, director);
  }

  /** Every year of the ten: 600 million in the first, 700 million (the cap) in the others. */
  private static List<FiscalYearAmount> awardPlan(int startYear) {
    return java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> new FiscalYearAmount(startYear + i, i == 0 ? 600_000_000L : 700_000_000L))
        .toList();
  }

  /**
   * review-events holds exactly one ReviewCompleted for the review, with every field as decided.
   */
  private static void assertPublishedOnce(
      UUID grantId, UUID reviewId, Reviewer chair, String correlationId, int startYear) {
    List<Published> published = ReviewEventsTopic.ofGrant(grantId);
    List<Published> completed =
        published.stream()
            .filter(p -> p.envelope().type().equals(EventTypes.nameOf(ReviewCompleted.class)))
            .toList();
    assertThat(completed).hasSize(1);
    Published record = completed.get(0);
    assertThat(record.key()).isEqualTo(grantId.toString());
    assertThat(record.envelope().source()).isEqualTo("/review-service");
    assertThat(record.envelope().subject()).isEqualTo(grantId.toString());
    assertThat(record.envelope().actor()).isEqualTo(chair.subject());
    assertThat(record.envelope().actorrole()).isEqualTo(Roles.COMMITTEE_CHAIR);
    assertThat(record.envelope().correlationid()).isEqualTo(correlationId);
    ReviewCompleted event = Envelopes.data(record.envelope(), ReviewCompleted.class);
    assertThat(event)
        .isEqualTo(
            new ReviewCompleted(
                reviewId,
                grantId,
                "WPI",
                ReviewKind.SELECTION,
                startYear - 1,
                Recommendation.AWARD,
                null,
                429,
                "Outstanding on all three missions",
                "WPI",
                awardPlan(startYear)));
    assertThat(published)
        .filteredOn(p -> p.envelope().type().equals(EventTypes.nameOf(ReviewOpened.class)))
        .hasSize(1);
  }
}
