package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The committees of review-service, used as their members would: where the catalog leaves a
 * decision to a program's committee (WPI, WPI CORE, Multiple Host WPI), the decision is a review
 * the committee decides, and review-service's ReviewCompleted takes it to the grant.
 */
final class Committees {
  static final String ADMIN = "admin-1";
  static final String PO = "po-committees";
  static final String CHAIR = "rev-chair";

  /** The reviewers a review is assigned to: none works at the hosts the system tests use. */
  static final List<String> ASSIGNED = List.of("rev-2", "rev-3", "rev-5");

  private final Clients api;
  private final Map<String, String> reviewerIds = new HashMap<>();

  private Committees(Clients api) {
    this.api = api;
  }

  /** Eight reviewers, half of them from outside Japan, as the committee of each program. */
  static Committees register(Clients api, String... programs) {
    Committees committees = new Committees(api);
    String[][] people = {
      {CHAIR, "Rita Colwell", "University of Maryland", "US"},
      {"rev-2", "Klaus Weber", "Max Planck Society", "DE"},
      {"rev-3", "Mei Lim", "National University of Singapore", "SG"},
      {"rev-4", "Jean Dupont", "CNRS", "FR"},
      {"rev-5", "Hiroshi Amano", "Nagoya University", "JP"},
      {"rev-6", "Akiko Hamaguchi", "Kyoto University", "JP"},
      {"rev-7", "Ken Matsumoto", "University of Tokyo", "JP"},
      {"rev-8", "Yuki Sato", "Tohoku University", "JP"},
    };
    List<Map<String, Object>> members = new ArrayList<>();
    for (String[] p : people) {
      String reviewerId =
          api.reviews(ADMIN, "admin")
              .body(
                  Map.of(
                      "subject",
                      p[0],
                      "name",
                      p[1],
                      "affiliation",
                      p[2],
                      "country",
                      p[3],
                      "fields",
                      List.of("physics")))
              .post("/api/v1/reviewers")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      committees.reviewerIds.put(p[0], reviewerId);
      members.add(
          Map.of("reviewerId", reviewerId, "role", p[0].equals(CHAIR) ? "CHAIR" : "MEMBER"));
    }
    for (String program : programs) {
      api.reviews(ADMIN, "admin")
          .body(Map.of("members", members))
          .put("/api/v1/committees/" + program)
          .then()
          .statusCode(200);
    }
    return committees;
  }

  String reviewerId(String subject) {
    return reviewerIds.get(subject);
  }

  /** The review of the kind that the grant's event opened (waits for it). */
  String opened(UUID grant, String kind) {
    return eventually(
            api.reviews(PO, "program-officer")
                .queryParam("grantId", grant.toString())
                .queryParam("kind", kind),
            "/api/v1/reviews",
            json -> json.getList("$").size() == 1)
        .getString("[0].id");
  }

  /** Assigns the three reviewers to the review and has each score every axis. */
  void score(String review) {
    for (String reviewer : ASSIGNED) {
      api.reviews(PO, "program-officer")
          .body(Map.of("reviewerId", reviewerIds.get(reviewer)))
          .post("/api/v1/reviews/" + review + "/assignments")
          .then()
          .statusCode(201);
    }
    List<String> axes =
        api.reviews(PO, "program-officer")
            .get("/api/v1/reviews/" + review)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("axes.code", String.class);
    for (String reviewer : ASSIGNED) {
      List<Map<String, Object>> scores =
          axes.stream()
              .map(
                  axis ->
                      Map.<String, Object>of(
                          "axis", axis, "score", 4, "comment", "strong on " + axis))
              .toList();
      api.reviews(reviewer, "reviewer")
          .body(Map.of("scores", scores))
          .put("/api/v1/reviews/" + review + "/scorecards/mine")
          .then()
          .statusCode(200);
    }
  }

  /**
   * The committee decides the grant's open review of the kind (the chair's decision:
   * recommendation, rationale, and grade or allocations as the kind needs), and the grant has
   * applied it: an event of the grant names the review.
   *
   * @return the review's id
   */
  String decide(UUID grant, String kind, Map<String, Object> decision) {
    String review = opened(grant, kind);
    score(review);
    api.reviews(CHAIR, "committee-chair")
        .body(decision)
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(200);
    JsonPath applied =
        eventually(
            api.grants("auditor-committees", "auditor").queryParam("size", 1000),
            "/api/v1/audit/grants/" + grant + "/events",
            json ->
                json.getList("events.findAll { it.data.reviewId == '" + review + "' }").size()
                    == 1);
    assertThat(applied.getString("events.find { it.data.reviewId == '" + review + "' }.type"))
        .as("the grant applied the committee's decision")
        .isNotEqualTo("jp.grants.grant.CommitteeDecisionRefused");
    return review;
  }

  /** The selection committee awards the proposal as it asked. */
  String award(UUID grant) {
    return decide(
        grant, "SELECTION", Map.of("recommendation", "AWARD", "rationale", "world-leading"));
  }
}
