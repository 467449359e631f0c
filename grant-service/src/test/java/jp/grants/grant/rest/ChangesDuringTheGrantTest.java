package jp.grants.grant.rest;

import static jp.grants.grant.Api.applicant;
import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static jp.grants.grant.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import org.junit.jupiter.api.Test;

/**
 * Changes during a grant over the API, against real PostgreSQL and Kafka (issue 19): suspension and
 * resumption, a change of principal investigator and of host institutions, a no-cost extension, and
 * a WPI center's World Premier Status after its closure. Every refusal is an RFC 9457 problem
 * naming its rule and leaves the grant as it was; every step takes If-Match and Idempotency-Key
 * like the others, and shows in the grant, its history and the grant list.
 */
@QuarkusTest
class ChangesDuringTheGrantTest {
  private static final int START = 2026;

  private static JsonPath grant(UUID grant) {
    return officer().get("/api/v1/grants/" + grant).then().statusCode(200).extract().jsonPath();
  }

  private static List<String> eventTypes(UUID grant) {
    return Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/events?size=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("events.type");
  }

  private static List<String> listed(String query) {
    return officer()
        .get("/api/v1/grants?size=100&" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.grantId");
  }

  @Test
  void shouldSuspendRefuseFollowUpsAndResumeInTheStatusItHad() {
    UUID grant = Api.awarded("ASPIRE", START, 5, 50_000_000L, List.of("Tohoku University"));
    post(
            officer(),
            grant,
            "suspension",
            Map.of("effectiveDate", START + "-10-01", "reason", "the PI is on leave"))
        .statusCode(200)
        .header("ETag", "\"3\"");
    JsonPath suspended = grant(grant);
    org.assertj.core.api.Assertions.assertThat(suspended.getString("status"))
        .isEqualTo("SUSPENDED");
    org.assertj.core.api.Assertions.assertThat(suspended.getString("suspension.resumesTo"))
        .isEqualTo("ACTIVE");

    problem(
            post(
                applicant(),
                grant,
                "follow-ups",
                Map.of(
                    "fiscalYear", START,
                    "principalInvestigators", 3,
                    "totalStaff", 20,
                    "researchers", 12,
                    "researchersFromAbroad", 4)),
            409,
            "GRANT-SUSPENDED")
        .body("detail", containsString("the PI is on leave"));
    problem(
        post(
            officer(),
            grant,
            "suspension",
            Map.of("effectiveDate", START + "-11-01", "reason", "x")),
        409,
        "GRANT-SUSPENDED");
    problem(
        post(
            officer(),
            grant,
            "resumption",
            Map.of("effectiveDate", START + "-09-30", "reason", "before the suspension")),
        422,
        "SUSPENSION-DATE");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("status=SUSPENDED&program=ASPIRE").contains(grant.toString()));

    post(
            officer(),
            grant,
            "resumption",
            Map.of("effectiveDate", START + 1 + "-01-15", "reason", "the PI is back"))
        .statusCode(200)
        .header("ETag", "\"4\"");
    org.assertj.core.api.Assertions.assertThat(grant(grant).getString("status"))
        .isEqualTo("ACTIVE");
    org.assertj.core.api.Assertions.assertThat(eventTypes(grant))
        .anyMatch(t -> t.endsWith("GrantSuspended"))
        .anyMatch(t -> t.endsWith("GrantResumed"));
  }

  @Test
  void shouldReplaceThePrincipalInvestigatorAndFindTheGrantByTheNewOne() {
    UUID grant = Api.awarded("ASPIRE", START, 5, 50_000_000L, List.of("Tohoku University"));
    Map<String, Object> change =
        Map.of(
            "principalInvestigator",
            Map.of("name", "Jiro Tanaka", "institution", "Nagoya University", "country", "JP"),
            "effectiveDate",
            START + 1 + "-04-01",
            "reason",
            "Hanako Yamada moved abroad");
    // a stale If-Match is refused before anything is written
    officer()
        .header("If-Match", "\"1\"")
        .body(change)
        .post("/api/v1/grants/" + grant + "/principal-investigator")
        .then()
        .statusCode(412)
        .contentType(startsWith("application/problem+json"));
    String key = "pi-change-" + grant;
    officer()
        .header("If-Match", "\"2\"")
        .header("Idempotency-Key", key)
        .body(change)
        .post("/api/v1/grants/" + grant + "/principal-investigator")
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");
    officer()
        .header("Idempotency-Key", key)
        .body(change)
        .post("/api/v1/grants/" + grant + "/principal-investigator")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", "true")
        .header("ETag", "\"3\"");
    JsonPath after = grant(grant);
    org.assertj.core.api.Assertions.assertThat(after.getString("principalInvestigator.name"))
        .isEqualTo("Jiro Tanaka");
    org.assertj.core.api.Assertions.assertThat(after.getLong("version")).isEqualTo(3);
    problem(post(officer(), grant, "principal-investigator", change), 422, "PI-CHANGE-SAME");
    post(
            officer(),
            grant,
            "principal-investigator",
            Map.of(
                "principalInvestigator",
                Map.of("name", "Ken Ito", "institution", "Kobe University", "country", "ZZ"),
                "effectiveDate",
                START + 1 + "-04-01",
                "reason",
                "x"))
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", hasItem(containsString("country")));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("pi=jiro tanaka").contains(grant.toString()));
    org.assertj.core.api.Assertions.assertThat(listed("pi=Hanako Yamada"))
        .doesNotContain(grant.toString());
    org.assertj.core.api.Assertions.assertThat(listed("institution=Nagoya University"))
        .contains(grant.toString());
    org.assertj.core.api.Assertions.assertThat(eventTypes(grant))
        .filteredOn(t -> t.endsWith("PrincipalInvestigatorChanged"))
        .hasSize(1);
  }

  @Test
  void shouldMoveHostsWithinTheHostRuleAndExtendAtNoCost() {
    UUID grant = Api.awarded("ASPIRE", START, 5, 50_000_000L, List.of("Tohoku University"));
    post(
            officer(),
            grant,
            "host-institutions",
            Map.of(
                "hostInstitutions",
                List.of("Tohoku University", "Hokkaido University"),
                "effectiveDate",
                START + 1 + "-04-01",
                "reason",
                "a second host joins"))
        .statusCode(200);
    problem(
        post(
            officer(),
            grant,
            "host-institutions",
            Map.of(
                "hostInstitutions",
                List.of("A", "B", "C", "D", "E", "F"),
                "effectiveDate",
                START + 1 + "-04-01",
                "reason",
                "too many")),
        422,
        "HOST-INSTITUTIONS");
    org.assertj.core.api.Assertions.assertThat(grant(grant).getList("hostInstitutions"))
        .containsExactly("Tohoku University", "Hokkaido University");

    long total = grant(grant).getLong("totalAwardedYen");
    post(officer(), grant, "no-cost-extension", Map.of("additionalYears", 1, "reason", "delayed"))
        .statusCode(200);
    JsonPath extended = grant(grant);
    org.assertj.core.api.Assertions.assertThat(extended.getInt("endFiscalYear"))
        .isEqualTo(START + 5);
    org.assertj.core.api.Assertions.assertThat(extended.getInt("noCostExtensionYears"))
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(extended.getLong("totalAwardedYen"))
        .isEqualTo(total);
    org.assertj.core.api.Assertions.assertThat(extended.getList("allocations.fiscalYear"))
        .doesNotContain(START + 5);
    problem(
        post(officer(), grant, "no-cost-extension", Map.of("additionalYears", 1, "reason", "more")),
        422,
        "NO-COST-EXTENSION-YEARS");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("institution=Hokkaido University").contains(grant.toString()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("fiscalYear=" + (START + 5)).contains(grant.toString()));
  }

  @Test
  void shouldMakeAClosedWpiCenterGradedSAnAcademyCenterAndLetItLoseTheStatus() {
    UUID grant = Api.awarded("WPI", START, 10, 700_000_000L, List.of("Kyoto University"));
    Map<String, Object> status =
        Map.of("effectiveDate", START + 10 + "-06-01", "reason", "the committee's finding");
    post(officer(), grant, "evaluations/final", Map.of("fiscalYear", START + 9)).statusCode(200);
    problem(post(officer(), grant, "world-premier-status", status), 409, "GRANT-STATUS");
    Api.decideByCommittee(
        grant, ReviewKind.FINAL_EVALUATION, Recommendation.GRADED, List.of(), "S");
    post(officer(), grant, "closure", Map.of("note", "completed")).statusCode(200);

    post(officer(), grant, "world-premier-status", status).statusCode(200);
    JsonPath academy = grant(grant);
    org.assertj.core.api.Assertions.assertThat(academy.getString("status")).isEqualTo("ACADEMY");
    org.assertj.core.api.Assertions.assertThat(academy.getString("academy.finalEvaluationGrade"))
        .isEqualTo("S");

    Map<String, Object> report =
        Map.of(
            "fiscalYear",
            START + 10,
            "principalInvestigators",
            9,
            "researchers",
            85,
            "narrative",
            "outreach and start-ups for the network");
    post(applicant(), grant, "academy-reports", report).statusCode(200);
    problem(
        post(applicant(), grant, "academy-reports", report), 409, "ACADEMY-REPORT-ONCE-PER-YEAR");
    org.assertj.core.api.Assertions.assertThat(
            grant(grant).getInt("academyReports." + (START + 10) + ".researchers"))
        .isEqualTo(85);
    // an Academy center gets no program money
    problem(
        post(
            Api.finance(),
            grant,
            "disbursement-requests",
            Map.of(
                "fiscalYear",
                START + 9,
                "amountYen",
                1_000L,
                "expenseCategory",
                "TRAVEL",
                "purpose",
                "x")),
        409,
        "GRANT-STATUS");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("status=ACADEMY&program=WPI").contains(grant.toString()));
    officer()
        .get("/api/v1/grants/portfolio?program=WPI")
        .then()
        .statusCode(200)
        .body("find { it.status == 'ACADEMY' }.grants", not(nullValue()));

    post(
            officer(),
            grant,
            "world-premier-status/withdrawal",
            Map.of("effectiveDate", START + 13 + "-04-01", "reason", "research strength declined"))
        .statusCode(200);
    org.assertj.core.api.Assertions.assertThat(grant(grant).getString("status"))
        .isEqualTo("CLOSED");
    problem(
        post(
            applicant(),
            grant,
            "academy-reports",
            Map.of(
                "fiscalYear",
                START + 13,
                "principalInvestigators",
                9,
                "researchers",
                85,
                "narrative",
                "after")),
        409,
        "GRANT-STATUS");
  }

  @Test
  void shouldCountGrantsAndAmountsPerProgramAndStatus() {
    UUID grant = Api.awarded("SATREPS", START, 5, 30_000_000L, List.of("Hiroshima University"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed("program=SATREPS&status=ACTIVE").contains(grant.toString()));
    List<Map<String, Object>> rows =
        officer()
            .get("/api/v1/grants/portfolio?program=SATREPS&fiscalYear=" + START)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    Map<String, Object> active =
        rows.stream().filter(r -> "ACTIVE".equals(r.get("status"))).findFirst().orElseThrow();
    org.assertj.core.api.Assertions.assertThat(((Number) active.get("grants")).longValue())
        .isPositive();
    org.assertj.core.api.Assertions.assertThat(((Number) active.get("totalAwardedYen")).longValue())
        .isGreaterThanOrEqualTo(150_000_000L);
    org.assertj.core.api.Assertions.assertThat(rows)
        .allMatch(r -> "SATREPS".equals(r.get("programCode")));
    // applicants do not see the portfolio
    applicant().get("/api/v1/grants/portfolio").then().statusCode(403);
  }
}
