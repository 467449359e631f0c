package jp.grants.ledger.money;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.ledger.FundsCarriedOver;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.FundsRefunded;
import jp.grants.ledger.LedgerClock;
import jp.grants.ledger.disbursement.messaging.LedgerEventPublisher;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Balances;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.LedgerEventsReader;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Carry-overs, refunds and indirect costs through REST against the real database and broker: every
 * rule and role, the figures at every level, the journal's balances, the events, idempotent
 * retries.
 */
@QuarkusTest
class MoneyMovementResourceTest {
  private static GrantEventsProducer producer;
  private static LedgerEventsReader events;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
    events = new LedgerEventsReader();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
    events.close();
  }

  @AfterEach
  void resetClock() {
    clock().reset();
  }

  static LedgerClock clock() {
    return Arc.container().instance(LedgerClock.class).get();
  }

  static final String FINANCE = Tokens.finance();
  static final String OFFICER = Tokens.bearer("po-7", Roles.PROGRAM_OFFICER);
  static final String APPLICANT = Tokens.bearer("pi-3", Roles.APPLICANT);

  static String disburse(UUID grantId, int fiscalYear, long amountYen) {
    return given()
        .header("Authorization", FINANCE)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                fiscalYear,
                "amountYen",
                amountYen,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(201)
        .extract()
        .path("disbursementId");
  }

  static ValidatableResponse carryOver(
      String token, String key, UUID grantId, int from, long amount, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("fromFiscalYear", from);
    body.put("amountYen", amount);
    if (reason != null) {
      body.put("reason", reason);
    }
    var request = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/ledger/grants/" + grantId + "/carry-overs").then();
  }

  static ValidatableResponse refund(
      String token, String key, UUID grantId, int fy, long amount, RefundKind kind, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("fiscalYear", fy);
    body.put("amountYen", amount);
    body.put("kind", kind.name());
    if (reason != null) {
      body.put("reason", reason);
    }
    var request = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/ledger/grants/" + grantId + "/refunds").then();
  }

  static long col(String column, UUID grantId, int fy) {
    return Db.number(
        "SELECT " + column + " FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
        grantId,
        fy);
  }

  static long pool(String column, String pool, int fy) {
    return Db.number(
        "SELECT " + column + " FROM program_year WHERE budget_pool = ? AND fiscal_year = ?",
        pool,
        fy);
  }

  @Test
  void shouldCarryAYearlySubsidysMoneyOverWithAProgramOfficersApprovalAndMoveThePoolsBudgetAlike() {
    UUID grantId =
        Awards.publish(
                producer,
                award("WPI", 150_000_000L, fy(2024, 100_000_000L), fy(2025, 100_000_000L)))
            .grantId();
    String paid = disburse(grantId, 2024, 40_000_000L);
    assertThat(
            ((FundsDisbursed) events.awaitAnswer(UUID.fromString(paid)).event()).indirectCostYen())
        .isEqualTo(12_000_000L);
    long budget24 = pool("budget_yen", "WPI", 2024);
    long paid24 = pool("disbursed_yen", "WPI", 2024);
    long budget25 = pool("budget_yen", "WPI", 2025);
    long paid25 = pool("disbursed_yen", "WPI", 2025);

    carryOver(FINANCE, UUID.randomUUID().toString(), grantId, 2024, 1_000, "r")
        .statusCode(403)
        .contentType("application/problem+json")
        .body("rule", equalTo("CARRY-OVER-APPROVAL-REQUIRED"));
    carryOver(OFFICER, UUID.randomUUID().toString(), grantId, 2024, 1_000, null)
        .statusCode(403)
        .body("rule", equalTo("CARRY-OVER-APPROVAL-REQUIRED"));

    String key = UUID.randomUUID().toString();
    // 60,000,000 unpaid allocation first, then 10,000,000 of the 40,000,000 paid (no report yet).
    String id =
        carryOver(OFFICER, key, grantId, 2024, 70_000_000L, "equipment delivery slipped")
            .statusCode(201)
            .header(
                "Location", containsString("/api/v1/ledger/grants/" + grantId + "/carry-overs/"))
            .body("grantId", equalTo(grantId.toString()))
            .body("fromFiscalYear", equalTo(2024))
            .body("toFiscalYear", equalTo(2025))
            .body("amountYen", equalTo(70_000_000))
            .body("paidMovedYen", equalTo(10_000_000))
            .body("approved", equalTo(true))
            .body("reason", equalTo("equipment delivery slipped"))
            .body("journalEntryId", notNullValue())
            .body("recordedAt", notNullValue())
            .extract()
            .path("carryOverId");

    assertThat(
            new long[] {
              col("allocation_yen", grantId, 2024),
              col("disbursed_yen", grantId, 2024),
              col("carried_out_yen", grantId, 2024),
              col("paid_carried_out_yen", grantId, 2024)
            })
        .containsExactly(30_000_000L, 30_000_000L, 70_000_000L, 10_000_000L);
    assertThat(
            new long[] {
              col("allocation_yen", grantId, 2025),
              col("disbursed_yen", grantId, 2025),
              col("carried_in_yen", grantId, 2025),
              col("paid_carried_in_yen", grantId, 2025)
            })
        .containsExactly(170_000_000L, 10_000_000L, 70_000_000L, 10_000_000L);
    assertThat(Db.number("SELECT total_cap_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(150_000_000L);
    assertThat(pool("budget_yen", "WPI", 2024)).isEqualTo(budget24 - 70_000_000L);
    assertThat(pool("disbursed_yen", "WPI", 2024)).isEqualTo(paid24 - 10_000_000L);
    assertThat(pool("budget_yen", "WPI", 2025)).isEqualTo(budget25 + 70_000_000L);
    assertThat(pool("disbursed_yen", "WPI", 2025)).isEqualTo(paid25 + 10_000_000L);
    Balances.assertGrantBalanced(grantId);
    Balances.assertPoolYearBalanced("WPI", 2024);
    Balances.assertPoolYearBalanced("WPI", 2025);

    // The same key and body: the first answer, nothing done; another body: refused.
    carryOver(OFFICER, key, grantId, 2024, 70_000_000L, "equipment delivery slipped")
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("carryOverId", equalTo(id));
    carryOver(OFFICER, key, grantId, 2024, 1_000L, "other")
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    assertThat(col("carried_out_yen", grantId, 2024)).isEqualTo(70_000_000L);

    // What is left to move: 30,000,000 held, nothing unpaid.
    carryOver(OFFICER, UUID.randomUUID().toString(), grantId, 2024, 30_000_001L, "more")
        .statusCode(409)
        .body("rule", equalTo("CARRY-OVER-EXCEEDS-UNSPENT"))
        .body("headroomYen", equalTo(30_000_000))
        .body("requestedYen", equalTo(30_000_001));
    carryOver(OFFICER, UUID.randomUUID().toString(), grantId, 2025, 1_000L, "past the end")
        .statusCode(422)
        .body("rule", equalTo("CARRY-OVER-PAST-LAST-YEAR"));

    FundsCarriedOver event = (FundsCarriedOver) events.awaitAnswer(UUID.fromString(id)).event();
    assertThat(event.amountYen()).isEqualTo(70_000_000L);
    assertThat(event.paidMovedYen()).isEqualTo(10_000_000L);
    assertThat(event.programCode()).isEqualTo("WPI");
    assertThat(events.awaitAnswer(UUID.fromString(id)).envelope().id())
        .isEqualTo(LedgerEventPublisher.carryOverEventId(UUID.fromString(id)));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/carry-overs")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].carryOverId", equalTo(id));
    given()
        .header("Authorization", APPLICANT)
        .get("/api/v1/ledger/grants/" + grantId + "/carry-overs/" + id)
        .then()
        .statusCode(200)
        .body("paidMovedYen", equalTo(10_000_000));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/journal")
        .then()
        .statusCode(200)
        .body("kind[2]", equalTo("CARRIED_OVER"));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/fiscal-years/2025")
        .then()
        .statusCode(200)
        .body("carriedInYen", equalTo(70_000_000))
        .body("paidCarriedInYen", equalTo(10_000_000))
        .body("allocationYen", equalTo(170_000_000))
        .body("disbursedYen", equalTo(10_000_000));
  }

  @Test
  void shouldCarryAFundsMoneyOverOnRequestAndNotBeforeTheFirstOfJanuary() {
    UUID grantId =
        Awards.publish(
                producer,
                award("NEXUS", 100_000_000L, fy(2027, 50_000_000L), fy(2028, 50_000_000L)))
            .grantId();
    long fundBefore =
        Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'");
    clock().fix(Instant.parse("2027-12-31T14:59:59Z"));
    carryOver(APPLICANT, UUID.randomUUID().toString(), grantId, 2027, 1_000L, null)
        .statusCode(409)
        .body("rule", equalTo("CARRY-OVER-TOO-EARLY"));
    clock().fix(Instant.parse("2027-12-31T15:00:00Z")); // 1 January 2028 in Japan
    carryOver(APPLICANT, UUID.randomUUID().toString(), grantId, 2027, 20_000_000L, null)
        .statusCode(201)
        .body("approved", equalTo(false))
        .body("paidMovedYen", equalTo(0));

    assertThat(col("allocation_yen", grantId, 2027)).isEqualTo(30_000_000L);
    assertThat(col("allocation_yen", grantId, 2028)).isEqualTo(70_000_000L);
    assertThat(Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'"))
        .isEqualTo(fundBefore);
    assertThat(Db.number("SELECT count(*) FROM program_year WHERE budget_pool = 'ASPIRE'"))
        .isZero();
    Balances.assertGrantBalanced(grantId);
    Balances.assertFundBalanced("ASPIRE");
  }

  @Test
  void shouldReturnMoneyWithItsIndirectCostsAndChargeAnOrderedReturnOverTheLatestPaymentsFirst() {
    UUID grantId =
        Awards.publish(
                producer,
                award("KAKENHI-ILR", 500_000_000L, fy(2025, 100_000_000L), fy(2026, 100_000_000L)))
            .grantId();
    clock().fix(Instant.parse("2025-05-01T03:00:00Z"));
    String early = disburse(grantId, 2025, 1_000_000L);
    clock().fix(Instant.parse("2025-10-01T03:00:00Z"));
    String late = disburse(grantId, 2025, 1_000_000L);
    clock().fix(Instant.parse("2026-04-01T03:00:00Z"));
    long fundBefore =
        Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'");

    refund(FINANCE, UUID.randomUUID().toString(), grantId, 2025, 1, RefundKind.ORDERED, "r")
        .statusCode(403)
        .body("rule", equalTo("REFUND-ORDER-REQUIRES-PROGRAM-OFFICER"));
    refund(OFFICER, UUID.randomUUID().toString(), grantId, 2025, 1, RefundKind.VOLUNTARY, null)
        .statusCode(403)
        .body("rule", equalTo("REFUND-VOLUNTARY-BY-RECIPIENT"));
    refund(OFFICER, UUID.randomUUID().toString(), grantId, 2025, 1, RefundKind.ORDERED, null)
        .statusCode(422)
        .body("rule", equalTo("REFUND-REASON-REQUIRED"));
    refund(
            APPLICANT,
            UUID.randomUUID().toString(),
            grantId,
            2025,
            2_000_001,
            RefundKind.VOLUNTARY,
            null)
        .statusCode(409)
        .body("rule", equalTo("REFUND-EXCEEDS-PAID"))
        .body("headroomYen", equalTo(2_000_000));

    // A voluntary return of 200,000 the day before (no charge); it counts against the latest
    // payment.
    clock().fix(Instant.parse("2026-03-31T03:00:00Z"));
    refund(
            APPLICANT,
            UUID.randomUUID().toString(),
            grantId,
            2025,
            200_000,
            RefundKind.VOLUNTARY,
            null)
        .statusCode(201)
        .body("indirectCostYen", equalTo(60_000))
        .body("additionalChargeYen", equalTo(0))
        .body("chargeDetail", hasSize(0));
    clock().fix(Instant.parse("2026-04-01T03:00:00Z"));
    String key = UUID.randomUUID().toString();
    String id =
        refund(OFFICER, key, grantId, 2025, 1_000_000, RefundKind.ORDERED, "ineligible equipment")
            .statusCode(201)
            .body("kind", equalTo("ORDERED"))
            .body("amountYen", equalTo(1_000_000))
            .body("indirectCostYen", equalTo(300_000))
            // 800,000 counted as received on 2025-10-01 (182 days), 200,000 on 2025-05-01 (335
            // days); 10.95 % a year.
            .body("additionalChargeYen", equalTo(43_680 + 20_100))
            .body("chargeDetail", hasSize(2))
            .body("chargeDetail[0].disbursementId", equalTo(late))
            .body("chargeDetail[0].paidOn", equalTo("2025-10-01"))
            .body("chargeDetail[0].amountYen", equalTo(800_000))
            .body("chargeDetail[0].days", equalTo(182))
            .body("chargeDetail[0].chargeYen", equalTo(43_680))
            .body("chargeDetail[1].disbursementId", equalTo(early))
            .body("chargeDetail[1].amountYen", equalTo(200_000))
            .body("chargeDetail[1].days", equalTo(335))
            .body("chargeDetail[1].chargeYen", equalTo(20_100))
            .extract()
            .path("refundId");
    refund(OFFICER, key, grantId, 2025, 1_000_000, RefundKind.ORDERED, "ineligible equipment")
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("refundId", equalTo(id))
        .body("chargeDetail", hasSize(2));

    assertThat(
            new long[] {
              col("disbursed_yen", grantId, 2025),
              col("refunded_yen", grantId, 2025),
              col("indirect_refunded_yen", grantId, 2025),
              col("additional_charge_yen", grantId, 2025)
            })
        .containsExactly(800_000L, 1_200_000L, 360_000L, 63_780L);
    assertThat(Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(800_000L);
    assertThat(Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'"))
        .isEqualTo(fundBefore - 1_560_000L);
    assertThat(Balances.balance(Accounts.grantAdditionalCharges(grantId))).isEqualTo(63_780L);
    assertThat(
            Db.text(
                "SELECT string_agg(kind, ',' ORDER BY position) FROM journal_entry WHERE grant_id = ?",
                grantId))
        .isEqualTo("GRANT_AWARDED,DISBURSED,DISBURSED,REFUNDED,REFUNDED,ADDITIONAL_CHARGE");
    Balances.assertGrantBalanced(grantId);
    Balances.assertFundBalanced("KAKENHI-ILR");

    FundsRefunded event = (FundsRefunded) events.awaitAnswer(UUID.fromString(id)).event();
    assertThat(event.additionalChargeYen()).isEqualTo(63_780L);
    assertThat(event.indirectCostYen()).isEqualTo(300_000L);
    assertThat(event.kind()).isEqualTo(RefundKind.ORDERED);
    assertThat(events.awaitAnswer(UUID.fromString(id)).envelope().id())
        .isEqualTo(LedgerEventPublisher.refundEventId(UUID.fromString(id)));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/refunds")
        .then()
        .statusCode(200)
        .body("", hasSize(2))
        .body("[1].chargeDetail[0].days", equalTo(182));
    // The headroom is back: the year can pay again what came back.
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/fiscal-years/2025")
        .then()
        .statusCode(200)
        .body("headroomYen", equalTo(99_200_000))
        .body("disbursedYen", equalTo(800_000))
        .body("indirectYen", equalTo(600_000))
        .body("refundedYen", equalTo(1_200_000))
        .body("indirectRefundedYen", equalTo(360_000))
        .body("additionalChargeYen", equalTo(63_780));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId)
        .then()
        .statusCode(200)
        .body("indirectYen", equalTo(600_000))
        .body("settled", equalTo(false));
  }

  @Test
  void shouldRefuseEveryMoneyOperationOnASettledGrant() throws Exception {
    UUID grantId =
        Awards.publish(
                producer, award("WPI", 150_000_000L, fy(2024, 100_000_000L), fy(2025, 50_000_000L)))
            .grantId();
    disburse(grantId, 2024, 1_000_000L);
    try (var c = Db.dataSource().getConnection();
        var s =
            c.prepareStatement(
                "UPDATE grant_account SET settled_at = now(), final_amount_yen = 1000000, final_indirect_yen = 300000"
                    + " WHERE grant_id = ?")) {
      s.setObject(1, grantId);
      s.executeUpdate();
    }
    given()
        .header("Authorization", FINANCE)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                2024,
                "amountYen",
                1_000L,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    carryOver(OFFICER, UUID.randomUUID().toString(), grantId, 2024, 1_000, "r")
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    refund(FINANCE, UUID.randomUUID().toString(), grantId, 2024, 1_000, RefundKind.VOLUNTARY, null)
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    assertThat(col("disbursed_yen", grantId, 2024)).isEqualTo(1_000_000L);
    // Refused movements leave no key behind: a retry is a first request.
    assertThat(
            Db.number(
                "SELECT count(*) FROM idempotency_record WHERE operation IN ('CARRY_OVER', 'REFUND')"
                    + " AND resource_id NOT IN (SELECT carry_over_id FROM carry_over UNION SELECT refund_id FROM refund)"))
        .isZero();
  }

  @Test
  void shouldRefuseBadInputMissingKeysUnknownGrantsAndOtherRoles() {
    UUID grantId =
        Awards.publish(producer, award("ASPIRE", 10_000_000L, fy(2024, 10_000_000L))).grantId();
    carryOver(FINANCE, null, grantId, 2024, 1, null).statusCode(400);
    refund(FINANCE, null, grantId, 2024, 1, RefundKind.VOLUNTARY, null).statusCode(400);
    carryOver(FINANCE, UUID.randomUUID().toString(), grantId, 2024, 0, null).statusCode(400);
    given()
        .header("Authorization", FINANCE)
        .header("Idempotency-Key", "k1")
        .contentType(ContentType.JSON)
        .body(Map.of("fiscalYear", 2024, "amountYen", 1, "kind", "STOLEN"))
        .post("/api/v1/ledger/grants/" + grantId + "/refunds")
        .then()
        .statusCode(400);
    carryOver(FINANCE, UUID.randomUUID().toString(), UUID.randomUUID(), 2024, 1, null)
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-GRANT"));
    refund(FINANCE, UUID.randomUUID().toString(), grantId, 2030, 1, RefundKind.VOLUNTARY, null)
        .statusCode(422)
        .body("rule", equalTo("FISCAL-YEAR-OUTSIDE-GRANT"));
    for (String token :
        List.of(Tokens.auditor(), Tokens.admin(), Tokens.bearer("rev", Roles.REVIEWER))) {
      carryOver(token, UUID.randomUUID().toString(), grantId, 2024, 1, "r").statusCode(403);
      refund(token, UUID.randomUUID().toString(), grantId, 2024, 1, RefundKind.VOLUNTARY, "r")
          .statusCode(403);
    }
    given().get("/api/v1/ledger/grants/" + grantId + "/refunds").then().statusCode(401);
    given()
        .header("Authorization", FINANCE)
        .get("/api/v1/ledger/grants/" + UUID.randomUUID() + "/refunds")
        .then()
        .statusCode(404);
    assertThat(
            Db.number("SELECT count(*) FROM carry_over WHERE grant_id = ?", grantId)
                + Db.number("SELECT count(*) FROM refund WHERE grant_id = ?", grantId))
        .isZero();
  }

  @Test
  void shouldRefuseAPaymentInAYearTheFundDoesNotCoverAndMoveOnlyUnreportedMoneyAfterTheReport()
      throws Exception {
    // ASPIRE's fund runs FY2022 to FY2034: a grant's FY2035 draws on nothing.
    UUID late =
        Awards.publish(
                producer,
                award("ASPIRE", 20_000_000L, fy(2034, 10_000_000L), fy(2035, 10_000_000L)))
            .grantId();
    given()
        .header("Authorization", FINANCE)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                late.toString(),
                "fiscalYear",
                2035,
                "amountYen",
                1_000L,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(409)
        .body("rule", equalTo("LEDGER-CAP-PROGRAM-FUND"))
        .body("capLevel", equalTo("PROGRAM_FISCAL_YEAR"))
        .body("detail", containsString("FY2022 to FY2034"));

    UUID grantId =
        Awards.publish(
                producer,
                award("ASPIRE", 20_000_000L, fy(2024, 10_000_000L), fy(2025, 10_000_000L)))
            .grantId();
    disburse(grantId, 2024, 6_000_000L);
    // The year's accepted annual report says 5,500,000 was spent: 4,000,000 unpaid + 500,000 paid
    // may move.
    try (var c = Db.dataSource().getConnection();
        var st =
            c.prepareStatement(
                "INSERT INTO annual_report (report_id,"
                    + " grant_id, fiscal_year, status, reported_yen, paid_yen, unspent_yen, transferred_yen, free_limit_yen,"
                    + " submitted_by, submitted_at, accepted_at) VALUES (?, ?, 2024, 'ACCEPTED', 5500000, 6000000, 500000, 0, 0,"
                    + " 'pi-3', now(), now())")) {
      st.setObject(1, UUID.randomUUID());
      st.setObject(2, grantId);
      st.executeUpdate();
    }
    carryOver(FINANCE, UUID.randomUUID().toString(), grantId, 2024, 4_500_001L, null)
        .statusCode(409)
        .body("rule", equalTo("CARRY-OVER-EXCEEDS-UNSPENT"))
        .body("headroomYen", equalTo(4_500_000));
    carryOver(FINANCE, UUID.randomUUID().toString(), grantId, 2024, 4_500_000L, null)
        .statusCode(201)
        .body("paidMovedYen", equalTo(500_000))
        .body("approved", equalTo(false));
    assertThat(col("disbursed_yen", grantId, 2024)).isEqualTo(5_500_000L);
    Balances.assertGrantBalanced(grantId);
  }
}
