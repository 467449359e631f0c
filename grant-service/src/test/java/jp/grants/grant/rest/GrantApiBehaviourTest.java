package jp.grants.grant.rest;

import static io.restassured.RestAssured.given;
import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.grants.grant.Api;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * What callers of the grant API can rely on: refusals, concurrency control, retries, search,
 * access.
 */
@QuarkusTest
class GrantApiBehaviourTest {
  private static final List<String> KYOTO = List.of("Kyoto University");

  @Test
  void shouldRefuseAProgramRuleWith422NamingTheRule() {
    Api.applicant()
        .body(Api.proposal("WPI", 2026, 10, 700_000_001L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("rule", equalTo("ANNUAL-CAP"))
        .body("type", equalTo("urn:jp-grants:problem:rule:ANNUAL-CAP"))
        .body("detail", containsString("700,000,000 yen"));
  }

  @Test
  void shouldRefuseAStepUpWithoutAPassedGateByName() {
    Api.applicant()
        .body(Api.proposal("WPI-CORE", 2026, 10, 700_000_000L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .body("rule", equalTo("STEP-UP-REQUIRES-PASSED-GATE"));
  }

  @Test
  void shouldRefuseAMultipleHostWpiWithOneHost() {
    Api.applicant()
        .body(Api.proposal("WPI-MULTI", 2026, 10, 700_000_000L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .body("rule", equalTo("HOST-INSTITUTIONS"));
  }

  @Test
  void shouldRefuseAStepOutOfOrderWith409() {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    post(officer(), grant, "award", Map.of()).statusCode(409).body("rule", equalTo("GRANT-STATUS"));
  }

  @Test
  void shouldAnswerAnUnknownGrantWith404Problem() {
    officer()
        .get("/api/v1/grants/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    post(officer(), UUID.randomUUID(), "screening", Map.of("eligible", true))
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldApplyEveryConcurrentCommandOnOneGrantOnceWhenNoneNamesAVersion() throws Exception {
    UUID grant = Api.awarded("SATREPS", 2030, 3, 35_000_000L, KYOTO);
    int version = (int) Api.version(grant);
    int requests = 12;
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        calls.add(
            () ->
                Api.finance()
                    .body(
                        Map.of(
                            "fiscalYear",
                            2030,
                            "amountYen",
                            1_000_000,
                            "expenseCategory",
                            "TRAVEL"))
                    .post("/api/v1/grants/" + grant + "/disbursement-requests")
                    .then()
                    .extract()
                    .statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : clients.invokeAll(calls)) {
        statuses.add(answer.get());
      }
      // Two writers on one grant race for the next sequence number; the one that lost is run again
      // on the grant as the winner left it, so no caller sees the race.
      assertThat(statuses).containsOnly(200);
    } finally {
      clients.shutdownNow();
    }
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", "\"" + (version + requests) + "\"")
        .body("openDisbursements.size()", equalTo(requests));
  }

  @Test
  void shouldLetOnlyOneOfTwoConcurrentCommandsNamingTheSameVersionWin() throws Exception {
    UUID grant = Api.awarded("SATREPS", 2030, 3, 35_000_000L, KYOTO);
    String etag = officer().get("/api/v1/grants/" + grant).then().extract().header("ETag");
    int requests = 6;
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        calls.add(
            () ->
                Api.finance()
                    .header("If-Match", etag)
                    .body(
                        Map.of(
                            "fiscalYear",
                            2030,
                            "amountYen",
                            1_000_000,
                            "expenseCategory",
                            "TRAVEL"))
                    .post("/api/v1/grants/" + grant + "/disbursement-requests")
                    .then()
                    .extract()
                    .statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : clients.invokeAll(calls)) {
        statuses.add(answer.get());
      }
      assertThat(statuses).containsOnly(200, 412);
      assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
    } finally {
      clients.shutdownNow();
    }
    officer().get("/api/v1/grants/" + grant).then().body("openDisbursements.size()", equalTo(1));
  }

  @Test
  void shouldRejectAStaleIfMatchWith412AndAcceptTheCurrentOne() {
    // ASPIRE: a program officer may award directly, with a reason (WPI's award is its committee's)
    UUID grant = Api.submit(Api.proposal("ASPIRE", 2026, 5, 100_000_000L, KYOTO));
    officer()
        .header("If-Match", "\"0\"")
        .body(Map.of("eligible", true))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
    officer()
        .header("If-Match", "\"0\"")
        .body(Map.of("reason", Api.DIRECT_REASON))
        .post("/api/v1/grants/" + grant + "/award")
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:jp-grants:problem:stale-version"))
        .body("detail", containsString("now at version 1"));
    officer()
        .header("If-Match", "\"1\"")
        .body(Map.of("reason", Api.DIRECT_REASON))
        .post("/api/v1/grants/" + grant + "/award")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
  }

  @Test
  void shouldAnswerARetryWithTheFirstAnswerAndAppendNothing() {
    String key = "submit-" + UUID.randomUUID();
    var body = Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO);
    String first =
        Api.applicant()
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/grants")
            .then()
            .statusCode(201)
            .extract()
            .path("grantId");
    String again =
        Api.applicant()
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/grants")
            .then()
            .statusCode(201)
            .header("Idempotent-Replayed", "true")
            .extract()
            .path("grantId");
    assertThat(again).isEqualTo(first);

    String screenKey = "screen-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      officer()
          .header("Idempotency-Key", screenKey)
          .body(Map.of("eligible", true))
          .post("/api/v1/grants/" + first + "/screening")
          .then()
          .statusCode(200)
          .body("version", equalTo(1));
    }
    officer().get("/api/v1/grants/" + first).then().header("ETag", "\"1\"");
  }

  @Test
  void shouldSubmitTheOpenApiDocumentsOwnExample() {
    Object example =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .get(
                "paths.'/api/v1/grants'.post.requestBody.content.'application/json'.examples.wpi.value");
    assertThat(example).isNotNull();
    Api.applicant()
        .body(example)
        .post("/api/v1/grants")
        .then()
        .statusCode(201)
        .body("version", equalTo(0));
  }

  @Test
  void shouldRefuseAKeyReusedForAnotherRequest() {
    String key = "reuse-" + UUID.randomUUID();
    Api.applicant()
        .header("Idempotency-Key", key)
        .body(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(201);
    Api.applicant()
        .header("Idempotency-Key", key)
        .body(Api.proposal("WPI", 2027, 10, 700_000_000L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
  }

  @Test
  void shouldAnswerARetriedRefusalAlike() {
    String key = "refused-" + UUID.randomUUID();
    var body = Api.proposal("WPI", 2026, 10, 800_000_000L, KYOTO);
    Api.applicant()
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/grants")
        .then()
        .statusCode(422);
    Api.applicant()
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .header("Idempotent-Replayed", "true")
        .body("rule", equalTo("ANNUAL-CAP"));
  }

  @Test
  void shouldRejectMalformedInputWithAProblemAndNoWrite() {
    Api.applicant()
        .body("{\"programCode\": \"WPI\", ")
        .post("/api/v1/grants")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    Api.applicant()
        .body(Map.of("programCode", "WPI"))
        .post("/api/v1/grants")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("title"));
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    Api.finance()
        .body(Map.of("fiscalYear", 2026, "amountYen", -5, "expenseCategory", "TRAVEL"))
        .post("/api/v1/grants/" + grant + "/disbursement-requests")
        .then()
        .statusCode(400);
    Api.finance()
        .body(Map.of("fiscalYear", 2026, "amountYen", 5, "expenseCategory", "CATERING"))
        .post("/api/v1/grants/" + grant + "/disbursement-requests")
        .then()
        .statusCode(400)
        .body("detail", containsString("CATERING"));
    Api.finance()
        .body(
            "{\"fiscalYear\":2026,\"amountYen\":99999999999999999999999,\"expenseCategory\":\"TRAVEL\"}")
        .post("/api/v1/grants/" + grant + "/disbursement-requests")
        .then()
        .statusCode(400);
    officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"2\"");
  }

  @Test
  void shouldRefuseCallsWithoutATokenOrWithTheWrongRole() {
    given()
        .contentType("application/json")
        .body(Api.proposal("WPI", 2026, 10, 1, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(401);
    Api.finance()
        .body(Api.proposal("WPI", 2026, 10, 1, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(403);
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    post(Api.applicant(), grant, "screening", Map.of("eligible", true)).statusCode(403);
    post(Api.finance(), grant, "award", Map.of()).statusCode(403);
  }

  @Test
  void shouldShowAnApplicantOnlyTheirOwnGrants() {
    UUID mine = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    var stranger = Api.as("applicant-osaka-9", Roles.APPLICANT);
    stranger.get("/api/v1/grants/" + mine).then().statusCode(404);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Api.applicant()
                    .get("/api/v1/grants?size=100")
                    .then()
                    .statusCode(200)
                    .body("items.grantId", hasItem(mine.toString())));
    Api.as("applicant-osaka-9", Roles.APPLICANT)
        .get("/api/v1/grants?size=100")
        .then()
        .statusCode(200)
        .body("items.grantId", not(hasItem(mine.toString())));
    post(
            Api.as("applicant-osaka-9", Roles.APPLICANT),
            mine,
            "follow-ups",
            Map.of(
                "fiscalYear",
                2026,
                "principalInvestigators",
                1,
                "totalStaff",
                1,
                "researchers",
                1,
                "researchersFromAbroad",
                0))
        .statusCode(404);
  }

  @Test
  void shouldSearchTheReadModelByProgramStatusFiscalYearAndInstitution() {
    String institution = "Tohoku University " + UUID.randomUUID();
    UUID sicorp = Api.awarded("SICORP-CORE-TEAM", 2030, 2, 20_000_000L, List.of(institution));
    UUID proposed = Api.submit(Api.proposal("SATREPS", 2031, 3, 30_000_000L, List.of(institution)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .queryParam("institution", institution)
                    .get("/api/v1/grants")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(2)));
    officer()
        .queryParam("institution", institution)
        .queryParam("status", "ACTIVE")
        .get("/api/v1/grants")
        .then()
        .body("items.grantId", equalTo(List.of(sicorp.toString())));
    officer()
        .queryParam("institution", institution)
        .queryParam("fiscalYear", 2033)
        .get("/api/v1/grants")
        .then()
        .body("items.grantId", equalTo(List.of(proposed.toString())));
    officer()
        .queryParam("institution", institution)
        .queryParam("program", "SATREPS")
        .get("/api/v1/grants")
        .then()
        .body("items.programCode", everyItem(equalTo("SATREPS")))
        .body("total", equalTo(1));
    officer()
        .queryParam("institution", institution)
        .queryParam("size", 1)
        .queryParam("page", 1)
        .get("/api/v1/grants")
        .then()
        .body("items.size()", equalTo(1))
        .body("page", equalTo(1))
        .body("total", equalTo(2));
    officer().queryParam("size", 1000).get("/api/v1/grants").then().statusCode(400);
  }

  @Test
  void shouldServeTheProgramCatalog() {
    Api.applicant()
        .get("/api/v1/programs")
        .then()
        .statusCode(200)
        .body("programs.code", hasItem("WPI-CORE"))
        .body("version", equalTo(jp.grants.catalog.ProgramCatalog.load().version()));
    Api.applicant()
        .get("/api/v1/programs/WPI")
        .then()
        .statusCode(200)
        .body("phases[0].annualCapYen", equalTo(700_000_000))
        .body("extension.annualCapYen", equalTo(300_000_000));
    Api.applicant()
        .get("/api/v1/programs/NOPE")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
