package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static jp.grants.systemtests.Clients.id;
import static jp.grants.systemtests.Clients.plan;
import static jp.grants.systemtests.Clients.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.infra.KafkaBroker;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The grant refuses a decided review and the committee decides again, ending with the grant
 * awarded. The grant "moved on" between review-service's check and grant-service's application:
 * while Kafka is briefly down, a program officer migrates the proposal to a catalog version with a
 * lower cap (the test-only 2099.1.1: WPI at most 600,000,000 yen a year), and the chair, whose
 * service has not seen the migration yet, awards 700,000,000 a year, which the grant's old version
 * allows. When Kafka returns the grant refuses the award (CommitteeDecisionRefused, ANNUAL-CAP),
 * review-service reopens the review (ReviewReopened) and now knows the grant's version: the chair's
 * 700,000,000 is refused at the review, 600,000,000 is accepted and the grant is awarded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogMigrationRaceTest {
  private static final String PO = "po-jsps-9";
  private static final String ADMIN = "admin-1";
  private static final String AUDITOR = "auditor-boa-9";
  private static final String APPLICANT = "applicant-osaka-9";
  private static final String LOWER = "2099.1.1";

  private LocalSystem system;
  private Clients api;
  private final Map<String, String> reviewerIds = new java.util.HashMap<>();

  @BeforeAll
  void startTheWholeSystem() {
    LocalSystemConfig isolated =
        LocalSystemConfig.isolated(
            ProjectFiles.root(),
            ProjectFiles.file("system-tests/target/catalog-migration"),
            Duration.ofSeconds(180));
    // The test-only catalog version, known to every service (not current): the documented setting.
    List<String> javaOptions = new ArrayList<>(isolated.javaOptions());
    javaOptions.add(
        "-Dgrants.catalog.extra-versions="
            + ProjectFiles.file("catalog/src/test/resources/jp/grants/catalog/test-versions"));
    system =
        LocalSystem.start(
            new LocalSystemConfig(
                isolated.projectDirectory(),
                isolated.workDirectory(),
                isolated.environment(),
                isolated.ports(),
                javaOptions,
                isolated.readyTimeout(),
                isolated.progress()));
    api = new Clients(system);
    String[][] people = {
      {"rev-chair", "Rita Colwell", "University of Maryland", "US"},
      {"rev-2", "Klaus Weber", "Max Planck Society", "DE"},
      {"rev-3", "Mei Lim", "National University of Singapore", "SG"},
      {"rev-4", "Hiroshi Amano", "Nagoya University", "JP"},
      {"rev-5", "Akiko Hamaguchi", "Kyoto University", "JP"},
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
      reviewerIds.put(p[0], reviewerId);
      members.add(
          Map.of("reviewerId", reviewerId, "role", p[0].equals("rev-chair") ? "CHAIR" : "MEMBER"));
    }
    api.reviews(ADMIN, "admin")
        .body(Map.of("members", members))
        .put("/api/v1/committees/WPI")
        .then()
        .statusCode(200);
  }

  @AfterAll
  void stopTheWholeSystem() {
    if (system != null) {
      system.stop();
    }
  }

  @Test
  void shouldDecideAgainAfterTheGrantRefusedTheDecisionAndEndAwarded() {
    UUID grant =
        id(
            api.grants(APPLICANT, "applicant")
                .body(proposal("WPI", 2027, 10, 600_000_000L, "Osaka University"))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    api.grants(PO, "program-officer")
        .body(Map.of("eligible", true, "note", "complete"))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(200);
    String review = reviewAndScore(grant);

    KafkaBroker kafka = system.kafkaBroker().orElseThrow();
    kafka.stop();
    try {
      api.grants(PO, "program-officer")
          .body(Map.of("toVersion", LOWER, "reason", "the 2099 caps apply to this call"))
          .post("/api/v1/grants/" + grant + "/catalog-migration")
          .then()
          .statusCode(200);
      // review-service has not seen the migration: it checks the award against the grant's old
      // version.
      decide(review, 700_000_000L).statusCode(200).body("status", equalTo("DECIDED"));
    } finally {
      kafka.start();
    }

    // The grant refuses the decision; the review opens again for the committee.
    eventually(
        api.reviews(PO, "program-officer"),
        "/api/v1/reviews/" + review,
        json ->
            "OPEN".equals(json.getString("status"))
                && json.getList("refusedDecisions").size() == 1);
    JsonPath refused =
        api.grants(AUDITOR, "auditor")
            .queryParam("type", "CommitteeDecisionRefused")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(refused.getString("events[0].data.rule")).isEqualTo("ANNUAL-CAP");
    assertThat(refused.getString("events[0].catalogVersion")).isEqualTo(LOWER);
    api.grants(PO, "program-officer")
        .get("/api/v1/grants/" + grant)
        .then()
        .body("status", equalTo("SCREENED"));

    // Now review-service knows the grant's version (GrantCatalogMigrated precedes the refusal on
    // the
    // grant's partition, and the inbox applies them in order): the same award is refused at the
    // review.
    decide(review, 700_000_000L).statusCode(422).body("rule", equalTo("ANNUAL-CAP"));
    decide(review, 600_000_000L).statusCode(200).body("status", equalTo("DECIDED"));

    JsonPath state =
        eventually(
            api.grants(PO, "program-officer"),
            "/api/v1/grants/" + grant,
            json -> "ACTIVE".equals(json.getString("status")));
    assertThat(state.getLong("totalAwardedYen")).isEqualTo(6_000_000_000L);
    assertThat(state.getString("catalogVersion")).isEqualTo(LOWER);
    JsonPath history =
        api.grants(AUDITOR, "auditor").get("/api/v1/audit/grants/" + grant + "/events").jsonPath();
    assertThat(history.getList("events.type", String.class))
        .containsExactly(
            "jp.grants.grant.ProposalSubmitted",
            "jp.grants.grant.ProposalScreened",
            "jp.grants.grant.GrantCatalogMigrated",
            "jp.grants.grant.CommitteeDecisionRefused",
            "jp.grants.grant.GrantAwarded");
    assertThat(history.getString("events[4].data.reviewId")).isEqualTo(review);
  }

  private io.restassured.response.ValidatableResponse decide(String review, long perYear) {
    return api.reviews("rev-chair", "committee-chair")
        .body(
            Map.of(
                "recommendation",
                "AWARD",
                "rationale",
                "world-leading",
                "allocations",
                plan(2027, 10, perYear)))
        .post("/api/v1/reviews/" + review + "/decision")
        .then();
  }

  /** Waits for the selection review, assigns three reviewers, and has each score every axis. */
  private String reviewAndScore(UUID grant) {
    JsonPath opened =
        eventually(
            api.reviews(PO, "program-officer")
                .queryParam("grantId", grant.toString())
                .queryParam("kind", "SELECTION"),
            "/api/v1/reviews",
            json -> json.getList("$").size() == 1);
    String review = opened.getString("[0].id");
    List<String> assigned = List.of("rev-2", "rev-3", "rev-4");
    for (String reviewer : assigned) {
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
    for (String reviewer : assigned) {
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
    return review;
  }
}
