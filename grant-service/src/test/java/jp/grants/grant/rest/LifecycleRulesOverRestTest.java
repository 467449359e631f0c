package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static jp.grants.grant.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.grant.Api;
import org.junit.jupiter.api.Test;

/**
 * The catalog's lifecycle rules (catalog {@code Decisions}) over the API, against real PostgreSQL
 * and Kafka: each refusal is an RFC 9457 problem naming the rule, and the grant is left as it was
 * (same version, no event in its history).
 *
 * <p>A program officer decides a stage gate directly only where the catalog lets one (no program
 * today: WPI CORE's committee decides its gate under 2026.12.3, {@code DECISION-BY-COMMITTEE}). A
 * grant pinned to a version published before the catalog named deciders (2026.12.2, which has WPI
 * CORE's one-year wind-down) keeps officer decisions, so the wind-down bound and the gate's
 * readiness are reached here on a grant a program officer migrated to 2026.12.2 ({@code POST
 * …/catalog-migration}), as grants from before versioning are pinned to it.
 */
@QuarkusTest
class LifecycleRulesOverRestTest {
  private static final List<String> HOST = List.of("Tohoku University");
  private static final String OFFICER_DECISIONS_VERSION = "2026.12.2";

  private static long version(UUID grant) {
    return officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("version");
  }

  private static void assertHistoryHas(UUID grant, int events) {
    Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("total", equalTo(events));
  }

  @Test
  void shouldRefuseAWpiInterimEvaluationOutsideYearFiveAndWriteNothing() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, HOST); // year 5 is FY2030

    problem(
            post(officer(), grant, "evaluations/interim", Map.of("fiscalYear", 2029)),
            422,
            "INTERIM-EVALUATION-YEAR")
        .body("detail", containsString("FY2030 for this grant; FY2029 asked"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("evaluations", not(hasKey("INTERIM")));
    assertHistoryHas(grant, 3); // submitted, screened, awarded

    post(officer(), grant, "evaluations/interim", Map.of("fiscalYear", 2030)).statusCode(200);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("evaluations.INTERIM.fiscalYear", equalTo(2030));
  }

  @Test
  void shouldRefuseToExtendAWpiGrantWhoseInterimEvaluationWasGradedBelowS() {
    List<Map<String, Object>> extensionYears = Api.plan(2036, 5, 300_000_000L);
    UUID gradedA = Api.awarded("WPI", 2026, 10, 700_000_000L, HOST);
    post(officer(), gradedA, "evaluations/interim", Map.of("fiscalYear", 2030)).statusCode(200);
    Api.interimResult(gradedA, "WPI", "A"); // WPI's committee grades it
    long before = version(gradedA);

    problem(
            post(
                officer(),
                gradedA,
                "extension",
                Map.of("additionalYears", 5, "allocations", extensionYears)),
            409,
            "EXTENSION-GRADE")
        .body("detail", containsString("S or better"))
        .body("detail", containsString("graded A"));
    officer()
        .get("/api/v1/grants/" + gradedA)
        .then()
        .body("version", equalTo((int) before))
        .body("endFiscalYear", equalTo(2035));
    assertHistoryHas(gradedA, (int) before + 1);

    // The same request on a grant graded S is taken: the grade alone made the difference.
    UUID gradedS = Api.awarded("WPI", 2026, 10, 700_000_000L, HOST);
    post(officer(), gradedS, "evaluations/interim", Map.of("fiscalYear", 2030)).statusCode(200);
    Api.interimResult(gradedS, "WPI", "S");
    post(
            officer(),
            gradedS,
            "extension",
            Map.of("additionalYears", 5, "allocations", extensionYears))
        .statusCode(200);
    officer().get("/api/v1/grants/" + gradedS).then().body("endFiscalYear", equalTo(2040));
  }

  @Test
  void shouldRefuseAWpiCoreWindDownBeyondTheFollowingYearOnAGrantPinnedToOfficerDecisions() {
    UUID grant = coreGrantWithGateInFy2030();
    Map<String, Object> tooLate =
        Map.of("outcome", "FAILED", "reason", "not ready", "endFiscalYear", 2032);
    // Under the current version only the committee decides the gate.
    problem(post(officer(), grant, "stage-gate/decision", tooLate), 409, "DECISION-BY-COMMITTEE");

    pinToOfficerDecisions(grant);
    long before = version(grant);
    problem(post(officer(), grant, "stage-gate/decision", tooLate), 422, "WIND-DOWN-END")
        .body("detail", containsString("ends between FY2030 and FY2031"))
        .body("detail", containsString("FY2032 asked"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("version", equalTo((int) before))
        .body("endFiscalYear", equalTo(2035));
    assertHistoryHas(grant, (int) before + 1);

    post(
            officer(),
            grant,
            "stage-gate/decision",
            Map.of("outcome", "FAILED", "reason", "not ready", "endFiscalYear", 2031))
        .statusCode(200);
    officer().get("/api/v1/grants/" + grant).then().body("endFiscalYear", equalTo(2031));
  }

  /**
   * The one readiness check of the catalog, as grant-service answers it: 409 like review-service.
   */
  @Test
  void shouldRefuseToPassAWpiCoreGateWithoutAFollowUpThatMeetsTheStepUpRequirements() {
    UUID grant = coreGrantWithGateInFy2030();
    pinToOfficerDecisions(grant);
    Map<String, Object> pass =
        Map.of(
            "outcome", "PASSED", "reason", "ready", "allocations", Api.plan(2031, 5, 700_000_000L));

    problem(post(officer(), grant, "stage-gate/decision", pass), 409, "STAGE-GATE-NEEDS-FOLLOW-UP")
        .body("detail", containsString("up to FY2030"));
    post(
            officer(),
            grant,
            "follow-ups",
            Map.of(
                "fiscalYear",
                2029,
                "principalInvestigators",
                6,
                "totalStaff",
                80,
                "researchers",
                60,
                "researchersFromAbroad",
                20))
        .statusCode(200);
    long before = version(grant);
    problem(post(officer(), grant, "stage-gate/decision", pass), 409, "STAGE-GATE-REQUIREMENTS")
        .body("detail", containsString("the FY2029 follow-up reports 6 PIs"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("version", equalTo((int) before))
        .body("phase", equalTo("INITIAL"));
  }

  /**
   * A WPI CORE grant FY2026–FY2035 at 500,000,000 a year with its stage gate scheduled in FY2030
   * (year 5).
   */
  private static UUID coreGrantWithGateInFy2030() {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 500_000_000L, HOST);
    post(officer(), grant, "stage-gate", Map.of("fiscalYear", 2030, "scheduledOn", "2030-10-01"))
        .statusCode(200);
    return grant;
  }

  private static void pinToOfficerDecisions(UUID grant) {
    post(
            officer(),
            grant,
            "catalog-migration",
            Map.of(
                "toVersion",
                OFFICER_DECISIONS_VERSION,
                "reason",
                "kept under the rules before deciders (test)"))
        .statusCode(200);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("catalogVersion", equalTo(OFFICER_DECISIONS_VERSION));
  }
}
