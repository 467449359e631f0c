package jp.grants.review.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.catalog.EvaluationAxis;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.infra.JwtKeys;
import jp.grants.platform.security.Roles;

/** The review-service's REST API as its users call it, with tokens signed by the test keys. */
public final class ReviewApi {
  public static final String OFFICER = "officer-po";
  public static final String ADMIN = "admin-1";
  public static final String AUDITOR = "auditor-1";

  private ReviewApi() {}

  /** A registered reviewer: registry id, login and name. */
  public record Reviewer(UUID id, String subject, String name) {}

  public static RequestSpecification as(String subject, String role) {
    return given()
        .auth()
        .oauth2(JwtKeys.shared().token(subject, role))
        .contentType(ContentType.JSON);
  }

  public static Reviewer register(String name, String affiliation, String country) {
    String subject = "rev-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        as(OFFICER, Roles.PROGRAM_OFFICER)
            .body(
                Map.of(
                    "subject",
                    subject,
                    "name",
                    name,
                    "affiliation",
                    affiliation,
                    "country",
                    country,
                    "fields",
                    List.of("physics")))
            .post("/api/v1/reviewers")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new Reviewer(UUID.fromString(id), subject, name);
  }

  /** Sets the committee of a program: pairs of reviewer and role, in order. */
  public static io.restassured.response.ValidatableResponse setCommittee(
      String programCode, Object... reviewerAndRole) {
    List<Map<String, Object>> members = new ArrayList<>();
    for (int i = 0; i < reviewerAndRole.length; i += 2) {
      members.add(
          Map.of(
              "reviewerId",
              ((Reviewer) reviewerAndRole[i]).id().toString(),
              "role",
              reviewerAndRole[i + 1]));
    }
    return as(ADMIN, Roles.ADMIN)
        .body(Map.of("members", members))
        .put("/api/v1/committees/" + programCode)
        .then();
  }

  /** Waits until grant events have opened a review of this kind for the grant; its id. */
  public static UUID awaitReview(UUID grantId, String kind) {
    List<String> ids = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              List<String> found =
                  as(OFFICER, Roles.PROGRAM_OFFICER)
                      .queryParam("grantId", grantId.toString())
                      .queryParam("kind", kind)
                      .get("/api/v1/reviews")
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("id");
              ids.clear();
              ids.addAll(found);
              return !found.isEmpty();
            });
    return UUID.fromString(ids.get(0));
  }

  public static io.restassured.response.ValidatableResponse assign(
      UUID reviewId, Reviewer reviewer) {
    return as(OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("reviewerId", reviewer.id().toString()))
        .post("/api/v1/reviews/" + reviewId + "/assignments")
        .then();
  }

  /**
   * Scores every axis of the program with {@code score}, except those given in {@code exceptions}.
   */
  public static io.restassured.response.ValidatableResponse score(
      UUID reviewId,
      Reviewer reviewer,
      String programCode,
      int score,
      Map<String, Integer> exceptions) {
    return as(reviewer.subject(), Roles.REVIEWER)
        .body(Map.of("scores", scores(programCode, score, exceptions)))
        .put("/api/v1/reviews/" + reviewId + "/scorecards/mine")
        .then();
  }

  public static List<Map<String, Object>> scores(
      String programCode, int score, Map<String, Integer> exceptions) {
    List<Map<String, Object>> scores = new ArrayList<>();
    for (EvaluationAxis axis : ProgramCatalog.load().require(programCode).evaluationAxes()) {
      scores.add(
          Map.of(
              "axis",
              axis.code(),
              "score",
              exceptions.getOrDefault(axis.code(), score),
              "comment",
              "Evidence on " + axis.name()));
    }
    return scores;
  }

  public static io.restassured.response.ValidatableResponse decide(
      UUID reviewId, Reviewer chair, Map<String, ?> body) {
    return as(chair.subject(), Roles.COMMITTEE_CHAIR)
        .body(body)
        .post("/api/v1/reviews/" + reviewId + "/decision")
        .then();
  }
}
