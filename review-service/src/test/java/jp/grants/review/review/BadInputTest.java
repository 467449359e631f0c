package jp.grants.review.review;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's mistake is a 400 (or 422) problem that says what is wrong, and nothing is written. */
@QuarkusTest
class BadInputTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static UUID reviewId;
  private static Reviewer chair;
  private static Reviewer reviewer;

  /** Once per class, but after Quarkus has pointed REST-assured at the application. */
  @BeforeEach
  void openAReviewWithOneAssignedReviewer() {
    if (reviewId != null) {
      return;
    }
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "SICORP-CONSORTIUM",
            "Io Sano",
            "Mie University",
            List.of("Mie University"),
            2027,
            5));
    grantEvents.publish(new ProposalScreened(grantId, "SICORP-CONSORTIUM", "eligible"));
    reviewId = awaitReview(grantId, "SELECTION");
    chair = register("Cy Chair", "TU Delft", "NL");
    reviewer = register("Rae Viewer", "KU Leuven", "BE");
    Reviewer third = register("Tia Third", "Trinity College Dublin", "IE");
    setCommittee("SICORP-CONSORTIUM", chair, "CHAIR", reviewer, "MEMBER", third, "MEMBER")
        .statusCode(200);
    assign(reviewId, reviewer).statusCode(201);
  }

  @Test
  void shouldRefuseAReviewerWithAMalformedCountryAndRegisterNobody() {
    long before = count("reviewer");

    as(ReviewApi.ADMIN, Roles.ADMIN)
        .body(
            Map.of(
                "subject",
                "new-reviewer",
                "name",
                "New",
                "affiliation",
                "Somewhere",
                "country",
                "jp"))
        .post("/api/v1/reviewers")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("country"))
        .body("detail", containsString("ISO 3166-1 alpha-2"));
    as(ReviewApi.ADMIN, Roles.ADMIN)
        .body("{\"subject\": \"x\", ")
        .post("/api/v1/reviewers")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");

    assertThat(count("reviewer")).isEqualTo(before);
  }

  @Test
  void shouldRefuseASecondReviewerWithTheSameLogin() {
    as(ReviewApi.ADMIN, Roles.ADMIN)
        .body(
            Map.of(
                "subject",
                reviewer.subject(),
                "name",
                "Twin",
                "affiliation",
                "Elsewhere",
                "country",
                "JP"))
        .post("/api/v1/reviewers")
        .then()
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-SUBJECT-UNIQUE"));
  }

  @Test
  void shouldRefuseACommitteeMemberWithAnUnknownRole() {
    as(ReviewApi.ADMIN, Roles.ADMIN)
        .body(
            Map.of(
                "members", List.of(Map.of("reviewerId", reviewer.id().toString(), "role", "BOSS"))))
        .put("/api/v1/committees/SICORP-CONSORTIUM")
        .then()
        .statusCode(400)
        .body("detail", containsString("unknown value BOSS"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/committees/SICORP-CONSORTIUM")
        .then()
        .body("members.size()", equalTo(3));
  }

  @Test
  void shouldRefuseAnAssignmentWithoutAReviewer() {
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of())
        .post("/api/v1/reviews/" + reviewId + "/assignments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("reviewerId"));
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("reviewerId", UUID.randomUUID().toString()))
        .post("/api/v1/reviews/" + reviewId + "/assignments")
        .then()
        .statusCode(422)
        .body("rule", equalTo("REVIEWER-REGISTERED"));
  }

  @Test
  void shouldRefuseScoresOutOfRangeOrMissingAxesAndStoreNoScorecard() {
    List<Map<String, Object>> six =
        new ArrayList<>(ReviewApi.scores("SICORP-CONSORTIUM", 4, Map.of()));
    six.set(0, Map.of("axis", six.get(0).get("axis"), "score", 6, "comment", "too good"));
    List<Map<String, Object>> missing =
        new ArrayList<>(ReviewApi.scores("SICORP-CONSORTIUM", 4, Map.of()));
    missing.remove(3);
    List<Map<String, Object>> blank =
        new ArrayList<>(ReviewApi.scores("SICORP-CONSORTIUM", 4, Map.of()));
    blank.set(1, Map.of("axis", blank.get(1).get("axis"), "score", 3, "comment", " "));

    putScores(six)
        .statusCode(400)
        .body("detail", containsString("must be less than or equal to 5"));
    putScores(blank).statusCode(400).body("detail", containsString("comment"));
    putScores(missing)
        .statusCode(422)
        .body("rule", equalTo("SCORECARD-COVERS-AXES"))
        .body("detail", containsString("missing axes [IMPACT]"));

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .body("scorecards", empty())
        .body("quorum.scored", equalTo(0));
  }

  @Test
  void shouldRefuseADecisionWithoutRationaleOrWithAnUnknownRecommendationAndKeepTheReviewOpen() {
    ReviewApi.decide(reviewId, chair, Map.of("recommendation", "AWARD"))
        .statusCode(400)
        .body("errors.field", hasItem("rationale"));
    ReviewApi.decide(reviewId, chair, Map.of("recommendation", "MAYBE", "rationale", "x"))
        .statusCode(400)
        .body("detail", containsString("unknown value MAYBE"));
    ReviewApi.decide(
            reviewId,
            chair,
            Map.of(
                "recommendation",
                "AWARD",
                "rationale",
                "x",
                "allocations",
                List.of(Map.of("fiscalYear", 2027, "amountYen", -1))))
        .statusCode(400)
        .body("errors.field", hasItem("allocations[0].amountYen"));

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .body("status", equalTo("OPEN"));
    assertThat(
            countWhere(
                "outbox", "payload LIKE '%" + reviewId + "%' AND payload LIKE '%ReviewCompleted%'"))
        .isZero();
  }

  @Test
  void shouldRefuseMalformedFilters() {
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("kind", "BOGUS")
        .get("/api/v1/reviews")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("kind"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("grantId", "xyz")
        .get("/api/v1/reviews")
        .then()
        .statusCode(400)
        .body("detail", containsString("grantId"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("limit", "0")
        .get("/api/v1/reviews")
        .then()
        .statusCode(400)
        .body("detail", containsString("limit"));
  }

  private static io.restassured.response.ValidatableResponse putScores(
      List<Map<String, Object>> scores) {
    return as(reviewer.subject(), Roles.REVIEWER)
        .body(Map.of("scores", scores))
        .put("/api/v1/reviews/" + reviewId + "/scorecards/mine")
        .then();
  }

  private static long count(String table) {
    return countWhere(table, "true");
  }

  private static long countWhere(String table, String condition) {
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM " + table + " WHERE " + condition)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
