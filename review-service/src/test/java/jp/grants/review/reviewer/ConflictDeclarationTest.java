package jp.grants.review.reviewer;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/** Conflicts declared after an assignment take the reviewer, and their scores, off the review. */
@QuarkusTest
class ConflictDeclarationTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @Test
  void shouldTakeAReviewerAndTheirScoresOffAReviewWhenTheyDeclareAConflictWithItsHost() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "ASPIRE",
            "Mei Ogawa",
            "Chiba University",
            List.of("Chiba University"),
            2027,
            5));
    grantEvents.publish(new ProposalScreened(grantId, "ASPIRE", "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");
    Reviewer chair = register("Pat Chair", "Sorbonne", "FR");
    Reviewer declaring = register("Ivan Petrov", "Skoltech", "RU");
    Reviewer other = register("Sara Lind", "Lund University", "SE");
    setCommittee("ASPIRE", chair, "CHAIR", declaring, "MEMBER", other, "MEMBER").statusCode(200);
    assign(reviewId, declaring).statusCode(201);
    assign(reviewId, other).statusCode(201);
    score(reviewId, declaring, "ASPIRE", 5, Map.of()).statusCode(200).body("scores", hasSize(4));

    as(declaring.subject(), Roles.REVIEWER)
        .body(
            Map.of(
                "kind",
                "INSTITUTION",
                "value",
                "chiba university",
                "reason",
                "visiting professor there"))
        .post("/api/v1/reviewers/" + declaring.id() + "/conflicts")
        .then()
        .statusCode(201)
        .body("conflict.kind", equalTo("INSTITUTION"))
        .body("removedAssignments", hasSize(1))
        .body("removedAssignments[0].reviewId", equalTo(reviewId.toString()))
        .body("removedAssignments[0].scorecardRemoved", equalTo(true))
        .body("removedAssignments[0].conflicts", containsString("a host institution of the grant"))
        .body(
            "message",
            containsString("taken off 1 open review(s) and their scores there were discarded"));

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("assignments.reviewerId", equalTo(List.of(other.id().toString())))
        .body("scorecards", empty())
        .body("quorum.assigned", equalTo(1));
    as(declaring.subject(), Roles.REVIEWER)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(404);
    assign(reviewId, declaring)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("declared INSTITUTION conflict (chiba university)"));
  }

  @Test
  void shouldRecordAGrantConflictAndRefuseTheAssignmentNamingTheGrant() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId, "ASPIRE", "Jun Hara", "Gifu University", List.of("Gifu University"), 2027, 5));
    grantEvents.publish(new ProposalScreened(grantId, "ASPIRE", "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");
    Reviewer chair = register("Pat Chair", "Sorbonne", "FR");
    Reviewer reviewer = register("Olga Berg", "University of Oslo", "NO");
    Reviewer third = register("Tom Hale", "UCL", "GB");
    setCommittee("ASPIRE", chair, "CHAIR", reviewer, "MEMBER", third, "MEMBER").statusCode(200);

    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("kind", "GRANT", "value", grantId.toString()))
        .post("/api/v1/reviewers/" + reviewer.id() + "/conflicts")
        .then()
        .statusCode(201)
        .body("removedAssignments", empty())
        .body("message", containsString("not assigned"));
    as(reviewer.subject(), Roles.REVIEWER)
        .get("/api/v1/reviewers/" + reviewer.id() + "/conflicts")
        .then()
        .statusCode(200)
        .body("value", equalTo(List.of(grantId.toString())));

    assign(reviewId, reviewer)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("declared a conflict with grant " + grantId));
  }

  @Test
  void shouldLetAReviewerDeclareConflictsForThemselvesOnly() {
    Reviewer one = register("Una Uno", "University of Padua", "IT");
    Reviewer two = register("Dos Dos", "University of Madrid", "ES");

    as(one.subject(), Roles.REVIEWER)
        .body(Map.of("kind", "PERSON", "value", "Someone"))
        .post("/api/v1/reviewers/" + two.id() + "/conflicts")
        .then()
        .statusCode(403);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviewers/" + two.id() + "/conflicts")
        .then()
        .statusCode(200)
        .body("$", empty());
    as(one.subject(), Roles.REVIEWER)
        .body(Map.of("kind", "GRANT", "value", "not-a-grant-id"))
        .post("/api/v1/reviewers/" + one.id() + "/conflicts")
        .then()
        .statusCode(422)
        .body("rule", equalTo("CONFLICT-GRANT-ID"));
    as(one.subject(), Roles.REVIEWER).get("/api/v1/reviewers/" + two.id()).then().statusCode(404);
    as(one.subject(), Roles.REVIEWER)
        .get("/api/v1/reviewers/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(one.id().toString()))
        .body("name", not(equalTo("Dos Dos")));
  }
}
