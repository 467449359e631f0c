package jp.grants.review.committee;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.decide;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import jp.grants.review.support.ReviewEventsTopic;
import org.junit.jupiter.api.Test;

/**
 * The WPI composition rule (half of the voting members from outside Japan) on a live committee: a
 * committee that breaks it is kept and shown as such, and it cannot decide, saying why.
 */
@QuarkusTest
class CommitteeCompositionTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @Test
  void shouldRefuseADecisionByACommitteeWithThreeOfEightFromAbroadUntilItHasFour() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "WPI-MULTI",
            "Sora Abe",
            "Keio University",
            List.of("Keio University", "Waseda University"),
            2027,
            10));
    grantEvents.publish(new ProposalScreened(grantId, "WPI-MULTI", "two hosts"));
    UUID reviewId = awaitReview(grantId, "SELECTION");
    Reviewer chair = register("Lim Chuan Poh", "A*STAR", "SG");
    Reviewer us = register("Rita Colwell", "University of Maryland", "US");
    Reviewer de = register("Klaus von Klitzing", "Max Planck Institute", "DE");
    List<Reviewer> japanese =
        List.of(
            register("Hiroshi Amano", "Nagoya University", "JP"),
            register("Maki Kawai", "IMS", "JP"),
            register("Takaaki Kajita", "University of Tokyo", "JP"),
            register("Ryoji Noyori", "RIKEN", "JP"),
            register("Yoshinori Ohsumi", "Tokyo Tech", "JP"));
    Reviewer fr = register("Jean Zinn-Justin", "CEA Saclay", "FR");

    setCommittee(
            "WPI-MULTI",
            chair,
            "CHAIR",
            us,
            "MEMBER",
            de,
            "MEMBER",
            japanese.get(0),
            "MEMBER",
            japanese.get(1),
            "MEMBER",
            japanese.get(2),
            "MEMBER",
            japanese.get(3),
            "MEMBER",
            japanese.get(4),
            "MEMBER",
            fr,
            "PROGRAM_OFFICER")
        .statusCode(200)
        .body("composition.compliant", equalTo(false))
        .body(
            "composition.problems",
            contains("3 of 8 voting members are from outside Japan; WPI-MULTI needs at least 50%"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/committees/WPI-MULTI")
        .then()
        .statusCode(200)
        .body("rule.minForeignMemberPercent", equalTo(50))
        .body("members.size()", equalTo(9))
        .body("composition.votingMembers", equalTo(8))
        .body("composition.votingMembersFromOutsideJapan", equalTo(3));
    for (Reviewer reviewer : List.of(us, de, japanese.get(0))) {
      assign(reviewId, reviewer).statusCode(201);
      score(reviewId, reviewer, "WPI-MULTI", 4, Map.of()).statusCode(200);
    }
    Map<String, String> award =
        Map.of("recommendation", "AWARD", "rationale", "strong joint center");

    decide(reviewId, chair, award)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("COMMITTEE-COMPOSITION"))
        .body(
            "detail",
            containsString(
                "3 of 8 voting members are from outside Japan; WPI-MULTI needs at least 50%"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .body("status", equalTo("OPEN"));

    setCommittee(
            "WPI-MULTI",
            chair,
            "CHAIR",
            us,
            "MEMBER",
            de,
            "MEMBER",
            japanese.get(0),
            "MEMBER",
            japanese.get(1),
            "MEMBER",
            japanese.get(2),
            "MEMBER",
            japanese.get(3),
            "MEMBER",
            fr,
            "MEMBER")
        .statusCode(200)
        .body("composition.votingMembersFromOutsideJapan", equalTo(4))
        .body("composition.compliant", equalTo(true));
    decide(reviewId, chair, award)
        .statusCode(200)
        .body("decision.recommendation", equalTo("AWARD"));

    assertThat(ReviewEventsTopic.ofGrant(grantId))
        .filteredOn(p -> p.envelope().type().equals(EventTypes.nameOf(ReviewCompleted.class)))
        .hasSize(1);
  }

  @Test
  void shouldRefuseACommitteeWithTwoChairsOrAnUnregisteredMemberAndKeepTheOldOne() {
    Reviewer a = register("Ada One", "ETH Zurich", "CH");
    Reviewer b = register("Bo Two", "KAIST", "KR");
    setCommittee("SATREPS", a, "CHAIR", b, "MEMBER").statusCode(200);

    setCommittee("SATREPS", a, "CHAIR", b, "CHAIR")
        .statusCode(422)
        .body("rule", equalTo("COMMITTEE-ONE-CHAIR"));
    setCommittee("SATREPS", a, "CHAIR", new Reviewer(UUID.randomUUID(), "ghost", "Ghost"), "MEMBER")
        .statusCode(422)
        .body("rule", equalTo("COMMITTEE-MEMBER-REGISTERED"));
    setCommittee("SATREPS", a, "CHAIR", a, "MEMBER")
        .statusCode(422)
        .body("rule", equalTo("COMMITTEE-MEMBER-ONCE"));

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/committees/SATREPS")
        .then()
        .statusCode(200)
        .body("members.name", contains("Ada One", "Bo Two"))
        .body("composition.problems", contains("2 voting member(s); SATREPS needs at least 3"));
  }

  @Test
  void shouldAnswerAnUnknownProgramWithNotFound() {
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/committees/NO-SUCH-PROGRAM")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("NO-SUCH-PROGRAM"));
  }
}
