package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog versions over REST: any published version served, and a program officer's migration of a
 * grant. The test-only version 2099.1.1 (lower caps) is added through {@code
 * grants.catalog.extra-versions}; the current version stays the shipped 2026.12.3 (the baseline,
 * for grants from before versioning, is 2026.12.2).
 */
@QuarkusTest
class CatalogVersionsTest {
  private static final String CURRENT = "2026.12.3";
  private static final String BASELINE = "2026.12.2";
  private static final String LOWER = "2099.1.1";
  private static final List<String> TOKYO = List.of("University of Tokyo");

  @BeforeAll
  static void addTheTestVersion() {
    System.setProperty(CatalogRegistry.EXTRA_PROPERTY, "classpath:jp/grants/catalog/test-versions");
  }

  @AfterAll
  static void removeTheTestVersion() {
    System.clearProperty(CatalogRegistry.EXTRA_PROPERTY);
  }

  @Test
  void listsEveryPublishedVersionBesideTheCurrentPrograms() {
    Api.applicant()
        .get("/api/v1/programs")
        .then()
        .statusCode(200)
        .body("version", equalTo(CURRENT))
        .body("current", equalTo(CURRENT))
        .body("baseline", equalTo(BASELINE))
        .body("versions.version", equalTo(List.of("2026.12.1", BASELINE, CURRENT, LOWER)))
        .body("versions.find { it.version == '2026.12.3' }.current", equalTo(true))
        .body("versions.find { it.version == '2026.12.1' }.current", equalTo(false))
        .body("programs.code", hasItems("WPI", "WPI-CORE"));
    Api.applicant()
        .queryParam("version", "2026.12.1")
        .get("/api/v1/programs")
        .then()
        .statusCode(200)
        .body("version", equalTo("2026.12.1"))
        .body("current", equalTo(CURRENT));
  }

  @Test
  void servesAProgramAsAnyPublishedVersionStatesIt() {
    Api.applicant()
        .get("/api/v1/programs/WPI-CORE")
        .then()
        .statusCode(200)
        .body("phases[0].annualCapYen", equalTo(500_000_000))
        .body("stageGates[0].windDownYears", equalTo(1));
    Api.applicant()
        .queryParam("version", "2026.12.1")
        .get("/api/v1/programs/WPI-CORE")
        .then()
        .statusCode(200)
        .body("stageGates[0].windDownYears", nullValue());
    Api.applicant()
        .queryParam("version", LOWER)
        .get("/api/v1/programs/WPI-CORE")
        .then()
        .statusCode(200)
        .body("phases[0].annualCapYen", equalTo(400_000_000));
  }

  @Test
  void anUnknownVersionIsANotFoundProblem() {
    Api.applicant()
        .queryParam("version", "1999.1.1")
        .get("/api/v1/programs/WPI")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(404));
    Api.applicant()
        .queryParam("version", "1999.1.1")
        .get("/api/v1/programs")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void anOfficerMigratesAGrantAndItsHistoryShowsEachEventsVersion() {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 400_000_000L, TOKYO);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("catalogVersion", equalTo(CURRENT));

    post(
            officer(),
            grant,
            "catalog-migration",
            Map.of("toVersion", LOWER, "reason", "the 2099 rules"))
        .statusCode(200)
        .header("ETag", "\"3\"");
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("catalogVersion", equalTo(LOWER));

    JsonPath history =
        Api.auditor()
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .statusCode(200)
            .body("total", equalTo(4))
            .extract()
            .jsonPath();
    assertThat(history.getList("events.catalogVersion"))
        .containsExactly(CURRENT, CURRENT, CURRENT, LOWER);
    assertThat(history.getString("events[3].type"))
        .isEqualTo("jp.grants.grant.GrantCatalogMigrated");
    assertThat(history.getString("events[3].actor")).isEqualTo(Api.OFFICER);
    assertThat(history.getString("events[3].data.fromVersion")).isEqualTo(CURRENT);
    assertThat(history.getString("events[3].data.reason")).isEqualTo("the 2099 rules");

    // The state as of any point is replayed with the version recorded then.
    Api.auditor()
        .queryParam("atSequence", 2)
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(200)
        .body("state.catalogVersion", equalTo(CURRENT));
    Api.auditor()
        .queryParam("atSequence", 3)
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(200)
        .body("state.catalogVersion", equalTo(LOWER));

    // From now on the grant's rules are the lower caps: the committee's wind-down year of
    // 450,000,000
    // is refused (the stage gate is the committee's to decide under either version).
    post(officer(), grant, "stage-gate", Map.of("fiscalYear", 2030, "scheduledOn", "2030-10-01"))
        .statusCode(200);
    assertThat(
            Api.refusedCommitteeDecision(
                grant,
                jp.grants.contracts.review.ReviewKind.STAGE_GATE,
                jp.grants.contracts.review.Recommendation.FAIL,
                List.of(new jp.grants.contracts.FiscalYearAmount(2031, 450_000_000L)),
                null))
        .isEqualTo("STEP-UP-REQUIRES-PASSED-GATE");

    // Every published grant event carries the version it was checked against.
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      // submitted, screened, awarded, migrated, gate scheduled, the committee's wind-down refused
      List<EventEnvelope> envelopes = reader.envelopesOf(grant, 6);
      assertThat(envelopes)
          .extracting(EventEnvelope::catalogversion)
          .containsExactly(CURRENT, CURRENT, CURRENT, LOWER, LOWER, LOWER);
    }
  }

  @Test
  void onlyAProgramOfficerMigrates() {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 400_000_000L, TOKYO);
    post(Api.applicant(), grant, "catalog-migration", Map.of("toVersion", LOWER, "reason", "mine"))
        .statusCode(403);
    post(Api.finance(), grant, "catalog-migration", Map.of("toVersion", LOWER, "reason", "mine"))
        .statusCode(403);
    officer().get("/api/v1/grants/" + grant).then().body("catalogVersion", equalTo(CURRENT));
  }

  @Test
  void aMigrationTheGrantCannotKeepIsAProblemNamingTheRule() {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 500_000_000L, TOKYO);
    post(officer(), grant, "catalog-migration", Map.of("toVersion", LOWER, "reason", "lower caps"))
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("rule", equalTo("STEP-UP-REQUIRES-PASSED-GATE"));
    post(
            officer(),
            grant,
            "catalog-migration",
            Map.of("toVersion", "1999.1.1", "reason", "unknown"))
        .statusCode(422)
        .body("rule", equalTo("CATALOG-VERSION-KNOWN"));
    post(officer(), grant, "catalog-migration", Map.of("toVersion", CURRENT, "reason", "same"))
        .statusCode(409)
        .body("rule", equalTo("CATALOG-MIGRATION-SAME-VERSION"));
    post(officer(), grant, "catalog-migration", Map.of("toVersion", LOWER)).statusCode(400);
    Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("events.catalogVersion", everyItem(equalTo(CURRENT)));
  }
}
