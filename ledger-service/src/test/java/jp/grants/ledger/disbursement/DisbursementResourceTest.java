package jp.grants.ledger.disbursement;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/ledger/disbursements against the real database: what is paid, what each cap refuses
 * and how the refusal says so, idempotent retries, security and bad input.
 */
@QuarkusTest
class DisbursementResourceTest {
  private static final String PATH = "/api/v1/ledger/disbursements";
  private static GrantEventsProducer producer;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
  }

  /** WPI: FY2025 and FY2026 at 100,000,000 yen each, 150,000,000 yen in all. */
  private static UUID wpiGrant() {
    return Awards.publish(
            producer, award("WPI", 150_000_000L, fy(2025, 100_000_000L), fy(2026, 100_000_000L)))
        .grantId();
  }

  private static Map<String, Object> body(
      UUID grantId, int fiscalYear, long amountYen, String category) {
    Map<String, Object> body = new HashMap<>();
    body.put("grantId", grantId.toString());
    body.put("fiscalYear", fiscalYear);
    body.put("amountYen", amountYen);
    body.put("expenseCategory", category);
    body.put("purpose", "test");
    return body;
  }

  private static ValidatableResponse post(String key, Object body) {
    var request =
        given().header("Authorization", Tokens.finance()).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post(PATH).then();
  }

  private static ValidatableResponse post(Object body) {
    return post(UUID.randomUUID().toString(), body);
  }

  private static long disbursed(UUID grantId) {
    return Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId);
  }

  private static long disbursements(UUID grantId) {
    return Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId);
  }

  @Test
  void shouldDisburseWithinAllThreeCapsAndJournalTheMovement() {
    UUID grantId = wpiGrant();
    String id =
        given()
            .header("Authorization", Tokens.finance())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("X-Correlation-Id", "corr-disburse-1")
            .contentType(ContentType.JSON)
            .body(body(grantId, 2025, 30_000_000L, "PERSONNEL"))
            .post(PATH)
            .then()
            .statusCode(201)
            .header("Location", containsString(PATH + "/"))
            .body("status", equalTo("ACCEPTED"))
            .body("programCode", equalTo("WPI"))
            .body("budgetPool", equalTo("WPI"))
            .body("grantYearHeadroomYen", equalTo(70_000_000))
            .body("grantTotalHeadroomYen", equalTo(120_000_000))
            // WPI pays 30 % indirect costs to the host institution on top, from the pool (not from
            // the grant's caps).
            .body("indirectCostYen", equalTo(9_000_000))
            .body("journalEntryId", notNullValue())
            .extract()
            .path("disbursementId");

    given()
        .header("Authorization", Tokens.auditor())
        .get(PATH + "/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACCEPTED"))
        .body("amountYen", equalTo(30_000_000))
        .body("channel", equalTo("REST"))
        .body("indirectCostYen", equalTo(9_000_000));
    assertThat(
            Db.number(
                "SELECT indirect_cost_yen FROM disbursement WHERE disbursement_id = ?::uuid", id))
        .isEqualTo(9_000_000L);
    assertThat(
            Db.number(
                "SELECT indirect_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = 2025",
                grantId))
        .isEqualTo(9_000_000L);
    assertThat(Db.number("SELECT indirect_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(9_000_000L);
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/fiscal-years/2025")
        .then()
        .statusCode(200)
        .body("allocationYen", equalTo(100_000_000))
        .body("disbursedYen", equalTo(30_000_000))
        .body("headroomYen", equalTo(70_000_000))
        .body("availableYen", equalTo(70_000_000));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/journal")
        .then()
        .statusCode(200)
        .body("kind", equalTo(java.util.List.of("GRANT_AWARDED", "DISBURSED")))
        .body("[1].disbursementId", equalTo(id))
        .body("[1].actor", equalTo("finance-clerk-1"))
        .body("[1].actorRole", equalTo(Roles.FINANCE))
        .body("[1].correlationId", equalTo("corr-disburse-1"))
        .body("[1].lines.size()", equalTo(8))
        .body("[1].amountYen", equalTo(30_000_000))
        .body("[1].lines.account", hasItem("grant:" + grantId + ":2025:allocation"))
        .body("[1].lines.account", hasItem("grant:" + grantId + ":host-indirect"));
    assertThat(disbursed(grantId)).isEqualTo(30_000_000L);
  }

  @Test
  void shouldRefuseOverTheGrantsFiscalYearAllocationNamingTheCapAndItsHeadroom() {
    UUID grantId = wpiGrant();
    post(body(grantId, 2025, 80_000_000L, "EQUIPMENT")).statusCode(201);

    post(body(grantId, 2025, 30_000_000L, "EQUIPMENT"))
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:jp-grants:problem:rule:LEDGER-CAP-GRANT-FISCAL-YEAR"))
        .body("rule", equalTo("LEDGER-CAP-GRANT-FISCAL-YEAR"))
        .body("capLevel", equalTo("GRANT_FISCAL_YEAR"))
        .body("requestedYen", equalTo(30_000_000))
        .body("headroomYen", equalTo(20_000_000))
        .body("detail", containsString("20,000,000 yen left of its FY2025 allocation"))
        .body("instance", equalTo(PATH));

    assertThat(disbursed(grantId)).isEqualTo(80_000_000L);
  }

  @Test
  void shouldRefuseOverTheGrantsTotalAwardNamingTheCapAndItsHeadroom() {
    UUID grantId = wpiGrant();
    post(body(grantId, 2025, 100_000_000L, "PERSONNEL")).statusCode(201);

    post(body(grantId, 2026, 60_000_000L, "PERSONNEL"))
        .statusCode(409)
        .body("rule", equalTo("LEDGER-CAP-GRANT-TOTAL"))
        .body("capLevel", equalTo("GRANT_TOTAL"))
        .body("requestedYen", equalTo(60_000_000))
        .body("headroomYen", equalTo(50_000_000));

    assertThat(disbursed(grantId)).isEqualTo(100_000_000L);
    assertThat(
            Db.number(
                "SELECT disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = 2026",
                grantId))
        .isZero();
  }

  @Test
  void shouldRefuseOverTheProgramsFiscalYearBudgetNamingTheCapAndItsHeadroom() {
    // INDIA-EXCHANGE FY2040: the budget is set to 5,000,000 yen, less than its two grants'
    // allocations.
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 5_000_000L, "reason", "test: a budget that binds"))
        .put("/api/v1/ledger/programs/INDIA-EXCHANGE/fiscal-years/2040/budget")
        .then()
        .statusCode(200)
        .body("budgetYen", equalTo(5_000_000));
    UUID first =
        Awards.publish(producer, award("INDIA-EXCHANGE", 3_000_000L, fy(2040, 3_000_000L)))
            .grantId();
    UUID second =
        Awards.publish(producer, award("INDIA-EXCHANGE", 3_000_000L, fy(2040, 3_000_000L)))
            .grantId();
    post(body(first, 2040, 3_000_000L, "TRAVEL")).statusCode(201);

    post(body(second, 2040, 3_000_000L, "STAY"))
        .statusCode(409)
        .body("rule", equalTo("LEDGER-CAP-PROGRAM-FISCAL-YEAR"))
        .body("capLevel", equalTo("PROGRAM_FISCAL_YEAR"))
        .body("requestedYen", equalTo(3_000_000))
        .body("headroomYen", equalTo(2_000_000))
        .body(
            "detail",
            containsString(
                "budget pool INDIA-EXCHANGE has 2,000,000 yen left of its FY2040 budget"));

    assertThat(disbursed(second)).isZero();
    assertThat(Db.number("SELECT disbursed_yen FROM grant_year WHERE grant_id = ?", second))
        .isZero();
    assertThat(
            Db.number(
                "SELECT disbursed_yen FROM program_year WHERE budget_pool = 'INDIA-EXCHANGE'"
                    + " AND fiscal_year = 2040"))
        .isEqualTo(3_000_000L);
  }

  @Test
  void shouldRefuseWhenThePoolHasNoBudgetForTheYear() {
    // The catalog states INDIA-EXCHANGE's budget from FY2025 on: FY2024 has none.
    UUID grantId =
        Awards.publish(producer, award("INDIA-EXCHANGE", 3_000_000L, fy(2024, 3_000_000L)))
            .grantId();

    post(body(grantId, 2024, 1_000L, "TRAVEL"))
        .statusCode(409)
        .body("rule", equalTo("LEDGER-CAP-PROGRAM-FISCAL-YEAR"))
        .body("capLevel", equalTo("PROGRAM_FISCAL_YEAR"))
        .body("headroomYen", equalTo(0))
        .body("detail", containsString("has no budget for FY2024"));
    assertThat(disbursed(grantId)).isZero();
  }

  @Test
  void shouldRefuseResearchProjectCostsUnderWpi() {
    UUID grantId = wpiGrant();

    post(body(grantId, 2025, 1_000_000L, "RESEARCH_PROJECT"))
        .statusCode(422)
        .contentType("application/problem+json")
        .body("rule", equalTo("EXPENSE-ELIGIBLE"))
        .body("requestedYen", equalTo(1_000_000))
        .body("detail", containsString("WPI does not fund RESEARCH_PROJECT"));

    assertThat(disbursed(grantId)).isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                grantId))
        .isZero();
  }

  @Test
  void shouldRefuseAFiscalYearOutsideTheGrant() {
    UUID grantId = wpiGrant();

    post(body(grantId, 2027, 1_000_000L, "TRAVEL"))
        .statusCode(422)
        .body("rule", equalTo("FISCAL-YEAR-OUTSIDE-GRANT"));
    assertThat(disbursed(grantId)).isZero();
  }

  @Test
  void shouldAnswerARetryWithTheFirstAnswerAndWriteOnlyOnce() {
    UUID grantId = wpiGrant();
    String key = "retry-" + UUID.randomUUID();
    Map<String, Object> body = body(grantId, 2025, 10_000_000L, "TRAVEL");
    String first = post(key, body).statusCode(201).extract().asString();

    String second =
        post(key, body).statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
    String third = post(key, body).statusCode(201).extract().asString();

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(disbursed(grantId)).isEqualTo(10_000_000L);
    assertThat(disbursements(grantId)).isEqualTo(1);
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                grantId))
        .isEqualTo(1);
    assertThat(Db.number("SELECT count(*) FROM outbox WHERE record_key = ?", grantId.toString()))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerARetryOfARefusalWithTheSameRefusal() {
    UUID grantId = wpiGrant();
    String key = "retry-refusal-" + UUID.randomUUID();
    Map<String, Object> body = body(grantId, 2025, 120_000_000L, "TRAVEL");
    String first =
        post(key, body)
            .statusCode(409)
            .body("headroomYen", equalTo(100_000_000))
            .extract()
            .asString();

    String again =
        post(key, body)
            .statusCode(409)
            .contentType("application/problem+json")
            .extract()
            .asString();

    assertThat(again).isEqualTo(first);
    assertThat(disbursements(grantId)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAReusedKeyWithADifferentRequestAndWriteNothing() {
    UUID grantId = wpiGrant();
    String key = "reused-" + UUID.randomUUID();
    post(key, body(grantId, 2025, 10_000_000L, "TRAVEL")).statusCode(201);

    post(key, body(grantId, 2025, 20_000_000L, "TRAVEL"))
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));

    assertThat(disbursed(grantId)).isEqualTo(10_000_000L);
    assertThat(disbursements(grantId)).isEqualTo(1);
  }

  @Test
  void shouldRequireAnIdempotencyKeyAndWriteNothingWithoutOne() {
    UUID grantId = wpiGrant();

    post(null, body(grantId, 2025, 10_000_000L, "TRAVEL"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("Idempotency-Key"));

    assertThat(disbursements(grantId)).isZero();
  }

  @Test
  void shouldRejectBadInputWithAProblemAndWriteNothing() {
    UUID grantId = wpiGrant();
    Map<String, Object> negative = body(grantId, 2025, -5L, "TRAVEL");
    Map<String, Object> ancient = body(grantId, 1999, 5L, "TRAVEL");
    Map<String, Object> unknownCategory = body(grantId, 2025, 5L, "CATERING");
    Map<String, Object> noGrant = body(grantId, 2025, 5L, "TRAVEL");
    noGrant.remove("grantId");
    Map<String, Object> wrongYear = body(grantId, 2025, 5L, "TRAVEL");
    wrongYear.put("valueDate", "2026-04-01");

    post(negative).statusCode(400).body("errors.field", hasItem("amountYen"));
    post(ancient).statusCode(400).body("errors.field", hasItem("fiscalYear"));
    post(unknownCategory).statusCode(400).body("detail", containsString("CATERING"));
    post(noGrant).statusCode(400).body("errors.field", hasItem("grantId"));
    post(wrongYear).statusCode(400).body("detail", containsString("fiscal year"));
    post("{\"grantId\": ").statusCode(400).contentType("application/problem+json");

    assertThat(disbursements(grantId)).isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM idempotency_record WHERE response_body LIKE ?",
                "%" + grantId + "%"))
        .isZero();
  }

  @Test
  void shouldBookInTheFiscalYearOfTheValueDate() {
    UUID grantId = wpiGrant();
    Map<String, Object> lastDayOfFy2025 = body(grantId, 2025, 1_000L, "TRAVEL");
    lastDayOfFy2025.remove("fiscalYear");
    lastDayOfFy2025.put("valueDate", "2026-03-31");
    Map<String, Object> firstDayOfFy2026 = body(grantId, 2025, 2_000L, "TRAVEL");
    firstDayOfFy2026.remove("fiscalYear");
    firstDayOfFy2026.put("valueDate", "2026-04-01");

    post(lastDayOfFy2025).statusCode(201).body("fiscalYear", equalTo(2025));
    post(firstDayOfFy2026).statusCode(201).body("fiscalYear", equalTo(2026));
  }

  @Test
  void shouldAnswerAnUnknownGrantWithNotFound() {
    post(body(UUID.randomUUID(), 2025, 1_000L, "TRAVEL"))
        .statusCode(404)
        .contentType("application/problem+json")
        .body("rule", equalTo("UNKNOWN-GRANT"));
  }

  @Test
  void shouldDocumentTheLedgerApiWithItsIdempotencyKey() {
    String document =
        given()
            .accept("application/json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(document)
        .contains(
            "/api/v1/ledger/disbursements",
            "Idempotency-Key",
            "/api/v1/ledger/grants/{grantId}/journal",
            "/api/v1/ledger/fiscal-years/{fiscalYear}/summary",
            "/api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/budget",
            "LEDGER-CAP-GRANT-TOTAL");
  }

  @Test
  void shouldRequireAToken() {
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "k-1")
        .body(body(UUID.randomUUID(), 2025, 1_000L, "TRAVEL"))
        .post(PATH)
        .then()
        .statusCode(401);
    given().get("/api/v1/ledger/grants/" + UUID.randomUUID()).then().statusCode(401);
  }

  @Test
  void shouldForbidRolesThatMayNotDisburse() {
    UUID grantId = wpiGrant();
    for (String role :
        new String[] {Roles.APPLICANT, Roles.PROGRAM_OFFICER, Roles.AUDITOR, Roles.ADMIN}) {
      given()
          .header("Authorization", Tokens.bearer("someone", role))
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .contentType(ContentType.JSON)
          .body(body(grantId, 2025, 1_000L, "TRAVEL"))
          .post(PATH)
          .then()
          .statusCode(403);
    }
    given()
        .header("Authorization", Tokens.bearer("someone", Roles.APPLICANT))
        .get("/api/v1/ledger/grants/" + grantId)
        .then()
        .statusCode(403);
    assertThat(disbursements(grantId)).isZero();
  }
}
