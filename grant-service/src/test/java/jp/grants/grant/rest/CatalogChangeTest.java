package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalog change leaves a running grant's rules alone, over REST and in one database: a WPI CORE
 * grant is awarded while the shipped 2026.12.3 is current (500,000,000 yen a year before step-up);
 * then the current version becomes the test-only 2099.1.1 (400,000,000) and a second grant with the
 * very same plan is awarded under it. The same committee decision on each — a wind-down year of
 * 450,000,000 after a failed gate — is applied to the first and refused on the second: each grant
 * keeps the caps of the version it was awarded under, and new proposals get the new caps.
 *
 * <p>Why not a {@code QuarkusTestProfile} with {@code grants.catalog.current}: every application
 * start of the tests gets a new database ({@code PostgresAndKafkaResource}), so no grant could be
 * stored before the change. The catalog registry reads {@code grants.catalog.current} (the JVM
 * property behind {@code GRANTS_CATALOG_CURRENT}) at every command, so setting the property while
 * the service runs changes the current version for every later command exactly as a redeployment
 * with the new setting does; what a restart adds — the grant rebuilt from its stored events — is
 * checked by the audit replay, which rebuilds the grant from its first event without snapshot or
 * cache.
 */
@QuarkusTest
class CatalogChangeTest {
  private static final String SHIPPED = "2026.12.3";
  private static final String CHANGED = "2099.1.1";
  private static final List<String> HOST = List.of("Osaka University");
  private static final List<FiscalYearAmount> WIND_DOWN_YEAR =
      List.of(new FiscalYearAmount(2031, 450_000_000L));

  @BeforeAll
  static void publishTheTestVersion() {
    System.setProperty(CatalogRegistry.EXTRA_PROPERTY, "classpath:jp/grants/catalog/test-versions");
  }

  @AfterAll
  static void restoreTheShippedCatalog() {
    System.clearProperty(CatalogRegistry.CURRENT_PROPERTY);
    System.clearProperty(CatalogRegistry.EXTRA_PROPERTY);
  }

  @Test
  void shouldKeepARunningGrantsCapsWhenANewCatalogVersionBecomesCurrent() {
    UUID before = Api.awarded("WPI-CORE", 2026, 10, 400_000_000L, HOST);
    officer().get("/api/v1/grants/" + before).then().body("catalogVersion", equalTo(SHIPPED));

    System.setProperty(CatalogRegistry.CURRENT_PROPERTY, CHANGED);
    try {
      Api.applicant()
          .get("/api/v1/programs")
          .then()
          .statusCode(200)
          .body("current", equalTo(CHANGED));
      // New proposals are held to the new caps ...
      Api.applicant()
          .body(Api.proposal("WPI-CORE", 2026, 10, 500_000_000L, HOST))
          .post("/api/v1/grants")
          .then()
          .statusCode(422)
          .body("rule", equalTo("STEP-UP-REQUIRES-PASSED-GATE"));
      UUID after = Api.awarded("WPI-CORE", 2026, 10, 400_000_000L, HOST);
      officer().get("/api/v1/grants/" + after).then().body("catalogVersion", equalTo(CHANGED));

      // ... the same gate and the same committee decision on both grants: each by its own version.
      for (UUID grant : List.of(before, after)) {
        post(
                officer(),
                grant,
                "stage-gate",
                Map.of("fiscalYear", 2030, "scheduledOn", "2030-10-01"))
            .statusCode(200);
      }
      Api.decideByCommittee(
          before, ReviewKind.STAGE_GATE, Recommendation.FAIL, WIND_DOWN_YEAR, null);
      assertThat(
              Api.refusedCommitteeDecision(
                  after, ReviewKind.STAGE_GATE, Recommendation.FAIL, WIND_DOWN_YEAR, null))
          .isEqualTo("STEP-UP-REQUIRES-PASSED-GATE");

      long last =
          officer()
              .get("/api/v1/grants/" + before)
              .then()
              .statusCode(200)
              .body("catalogVersion", equalTo(SHIPPED))
              .body("stageGate.outcome", equalTo("FAILED"))
              .body("endFiscalYear", equalTo(2031))
              .body("allocations.find { it.fiscalYear == 2031 }.amountYen", equalTo(450_000_000))
              .extract()
              .jsonPath()
              .getLong("version");
      officer()
          .get("/api/v1/grants/" + after)
          .then()
          .statusCode(200)
          .body("catalogVersion", equalTo(CHANGED))
          .body("stageGate.outcome", equalTo(null))
          .body("endFiscalYear", equalTo(2035));
      // Rebuilt from its stored events alone, the first grant is still pinned to the shipped
      // version.
      Api.auditor()
          .queryParam("atSequence", last)
          .get("/api/v1/audit/grants/" + before + "/state")
          .then()
          .statusCode(200)
          .body("state.catalogVersion", equalTo(SHIPPED))
          .body("state.stageGate.outcome", equalTo("FAILED"));
    } finally {
      System.clearProperty(CatalogRegistry.CURRENT_PROPERTY);
    }
  }
}
