package jp.grants.review.review;

import static io.restassured.RestAssured.given;
import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what: tokens are required, roles are checked, reviewers see only their own reviews.
 */
@QuarkusTest
class ReviewAccessTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static UUID reviewId;
  private static UUID otherReviewId;
  private static Reviewer chair;
  private static Reviewer assigned;
  private static Reviewer unassigned;

  /** Once per class, but after Quarkus has pointed REST-assured at the application. */
  @BeforeEach
  void openTwoReviewsWithOneReviewerAssignedToTheFirst() {
    if (reviewId != null) {
      return;
    }
    reviewId = screenedNexusProposal("Rin Mori", "Shinshu University");
    otherReviewId = screenedNexusProposal("Kai Ueda", "Niigata University");
    chair = register("Nora Chair", "NUS", "SG");
    assigned = register("Ana Assigned", "Mahidol University", "TH");
    unassigned = register("Uma Unassigned", "Universiti Malaya", "MY");
    setCommittee("NEXUS", chair, "CHAIR", assigned, "MEMBER", unassigned, "MEMBER").statusCode(200);
    assign(reviewId, assigned).statusCode(201);
    assign(otherReviewId, unassigned).statusCode(201);
  }

  @Test
  void shouldAnswerACallWithoutATokenWithUnauthorized() {
    given().get("/api/v1/reviews").then().statusCode(401);
    given().get("/api/v1/reviews/" + reviewId).then().statusCode(401);
    given()
        .contentType("application/json")
        .body(Map.of("recommendation", "AWARD", "rationale", "x"))
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(401);
    given().get("/api/v1/committees/NEXUS").then().statusCode(401);
    given().get("/api/v1/reviewers").then().statusCode(401);
  }

  @Test
  void shouldAnswerAWrongRoleWithForbidden() {
    as("applicant-1", Roles.APPLICANT).get("/api/v1/reviews").then().statusCode(403);
    as("finance-1", Roles.FINANCE).get("/api/v1/reviewers").then().statusCode(403);
    as(assigned.subject(), Roles.REVIEWER)
        .body(Map.of("members", List.of()))
        .put("/api/v1/committees/NEXUS")
        .then()
        .statusCode(403);
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("recommendation", "AWARD", "rationale", "x"))
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(403);
    as(assigned.subject(), Roles.REVIEWER)
        .body(Map.of("reviewerId", assigned.id().toString()))
        .post("/api/v1/reviews/" + reviewId + "/assignments")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldLetTheAuditorReadEverythingAndChangeNothing() {
    as(ReviewApi.AUDITOR, Roles.AUDITOR).get("/api/v1/reviews/" + reviewId).then().statusCode(200);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("status", "OPEN")
        .queryParam("kind", "SELECTION")
        .queryParam("limit", "200")
        .get("/api/v1/reviews")
        .then()
        .statusCode(200)
        .body("id", hasItem(reviewId.toString()))
        .body("id", hasItem(otherReviewId.toString()));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("limit", "1")
        .get("/api/v1/reviews")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1));
    as(ReviewApi.AUDITOR, Roles.AUDITOR).get("/api/v1/reviewers").then().statusCode(200);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .body(Map.of("reviewerId", unassigned.id().toString()))
        .post("/api/v1/reviews/" + reviewId + "/assignments")
        .then()
        .statusCode(403);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .body(Map.of("recommendation", "AWARD", "rationale", "x"))
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(403);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .body(Map.of("subject", "x", "name", "x", "affiliation", "x", "country", "JP"))
        .post("/api/v1/reviewers")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldHideAReviewFromAReviewerWhoIsNotAssignedToIt() {
    as(unassigned.subject(), Roles.REVIEWER)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(unassigned.subject(), Roles.REVIEWER)
        .get("/api/v1/reviews")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(reviewId.toString())))
        .body("id", hasItem(otherReviewId.toString()));
    as(unassigned.subject(), Roles.REVIEWER)
        .body(Map.of("scores", ReviewApi.scores("NEXUS", 3, Map.of())))
        .put("/api/v1/reviews/" + reviewId + "/scorecards/mine")
        .then()
        .statusCode(404);
    as(assigned.subject(), Roles.REVIEWER)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("id", equalTo(reviewId.toString()));
  }

  @Test
  void shouldLetOnlyTheChairOfTheProgramsCommitteeDecide() {
    Reviewer otherChair = register("Olli Otherchair", "Aalto University", "FI");
    as(otherChair.subject(), Roles.COMMITTEE_CHAIR)
        .body(Map.of("recommendation", "AWARD", "rationale", "x"))
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("only the chair of the NEXUS committee"));
  }

  private static UUID screenedNexusProposal(String pi, String institution) {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId, "NEXUS", pi, institution, List.of(institution), 2027, 5));
    grantEvents.publish(new ProposalScreened(grantId, "NEXUS", "eligible"));
    return awaitReview(grantId, "SELECTION");
  }
}
