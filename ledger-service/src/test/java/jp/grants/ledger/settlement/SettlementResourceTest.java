package jp.grants.ledger.settlement;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.report.ReportFixtures.applicant;
import static jp.grants.ledger.report.ReportFixtures.approve;
import static jp.grants.ledger.report.ReportFixtures.grant;
import static jp.grants.ledger.report.ReportFixtures.officer;
import static jp.grants.ledger.report.ReportFixtures.pay;
import static jp.grants.ledger.report.ReportFixtures.report;
import static jp.grants.ledger.report.ReportFixtures.reportBody;
import static jp.grants.ledger.report.ReportFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.ledger.LedgerClock;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.LedgerEventsReader;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The final settlement (額の確定) against the real database and broker, on the ledger's clock set to
 * FY2048 in Japan: every rule, the final figures, the journal entry, GrantSettled, one settlement
 * per grant, and nothing of the grant changing afterwards.
 */
@QuarkusTest
class SettlementResourceTest {
  private static final int FY = 2046;
  private static GrantEventsProducer producer;
  private static LedgerEventsReader events;
  private static boolean budgets;

  @Inject LedgerClock clock;

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

  @BeforeEach
  void fy2048() {
    at(LocalDate.of(2048, 6, 1));
  }

  @AfterEach
  void realClock() {
    clock.reset();
  }

  private void at(LocalDate day) {
    ZoneId japan = ZoneId.of("Asia/Tokyo");
    clock.fix(day.atTime(12, 0).atZone(japan).toInstant());
  }

  private static synchronized UUID wpi(int... years) {
    if (!budgets) {
      for (int fy = FY; fy <= FY + 3; fy++) {
        Ledger.setBudget("WPI", fy, 10_000_000_000L);
      }
      budgets = true;
    }
    return grant(producer, "WPI", 100_000_000L, years);
  }

  @Test
  void shouldSettleAReportedGrantWithItsFinalAmountJournalledAndPublished() {
    UUID grantId = wpi(FY, FY + 1);
    pay(grantId, FY, 30_000_000L, "PERSONNEL");
    pay(grantId, FY + 1, 15_000_000L, "TRAVEL");
    pay(grantId, FY + 1, 5_000_000L, "EQUIPMENT");
    report(grantId, reportBody(FY, "PERSONNEL", 30_000_000L)).statusCode(201);
    report(grantId, reportBody(FY + 1, "TRAVEL", 14_000_000L, "EQUIPMENT", 6_000_000L))
        .statusCode(201);
    String key = UUID.randomUUID().toString();

    String body =
        settle(Tokens.finance(), key, grantId)
            .statusCode(201)
            .header("Location", "/api/v1/ledger/grants/" + grantId + "/settlement")
            .body("grantId", equalTo(grantId.toString()))
            .body("finalAmountYen", equalTo(50_000_000))
            .body("finalIndirectCostYen", equalTo(15_000_000)) // WPI: 30 % of 50,000,000
            .body("paidYen", equalTo(50_000_000))
            .body("refundedYen", equalTo(0))
            .body("additionalChargeYen", equalTo(0))
            .body("finalByFiscalYear.fiscalYear", equalTo(List.of(FY, FY + 1)))
            .body("finalByFiscalYear.amountYen", equalTo(List.of(30_000_000, 20_000_000)))
            .body("journalEntryId", notNullValue())
            .body("recordedAt", notNullValue())
            .extract()
            .asString();
    String settlementId = io.restassured.path.json.JsonPath.from(body).getString("settlementId");

    GrantSettled event = (GrantSettled) events.awaitAnswer(UUID.fromString(settlementId)).event();
    assertThat(event.grantId()).isEqualTo(grantId);
    assertThat(event.programCode()).isEqualTo("WPI");
    assertThat(event.finalAmountYen()).isEqualTo(50_000_000L);
    assertThat(event.paidYen()).isEqualTo(50_000_000L);
    assertThat(event.finalByFiscalYear())
        .containsExactly(
            new FiscalYearAmount(FY, 30_000_000L), new FiscalYearAmount(FY + 1, 20_000_000L));
    assertThat(event.journalEntryId()).isNotNull();
    assertThat(events.awaitAnswer(UUID.fromString(settlementId)).envelope().actorrole())
        .isEqualTo(Roles.FINANCE);

    assertThat(
            Db.number(
                "SELECT final_amount_yen FROM grant_account WHERE grant_id = ? AND settled_at IS NOT NULL",
                grantId))
        .isEqualTo(50_000_000L);
    assertThat(Db.number("SELECT count(*) FROM settlement WHERE grant_id = ?", grantId))
        .isEqualTo(1);
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/journal")
        .then()
        .statusCode(200)
        .body("kind", hasItem("GRANT_SETTLED"))
        .body("find { it.kind == 'GRANT_SETTLED' }.amountYen", equalTo(50_000_000))
        .body("find { it.kind == 'GRANT_SETTLED' }.actorRole", equalTo(Roles.FINANCE));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/settlement")
        .then()
        .statusCode(200)
        .body("settlementId", equalTo(settlementId))
        .body("finalAmountYen", equalTo(50_000_000));

    // once only: a replay answers the same; any other request is refused, and so is every report
    String replay =
        settle(Tokens.finance(), key, grantId)
            .statusCode(201)
            .header("Idempotent-Replayed", "true")
            .extract()
            .asString();
    assertThat(replay).isEqualTo(body);
    settle(grantId).statusCode(409).body("rule", equalTo("GRANT-SETTLED"));
    settle(Tokens.finance(), UUID.randomUUID().toString(), grantId)
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    report(grantId, reportBody(FY + 1, "TRAVEL", 1L))
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    approve(officer(), grantId, FY, "after settlement")
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    assertThat(Db.number("SELECT count(*) FROM settlement WHERE grant_id = ?", grantId))
        .isEqualTo(1);
    assertThat(
            Db.number(
                "SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = 'jp.grants.ledger.GrantSettled'",
                grantId.toString()))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseWhileTheGrantRunsByTheLedgersClockInJapan() {
    UUID grantId = wpi(FY + 1, FY + 2);
    settle(grantId).statusCode(409).body("rule", equalTo("SETTLEMENT-GRANT-RUNNING"));
    // 31 March 2049 in Japan is still FY2048, the grant's last year
    at(LocalDate.of(2049, 3, 31));
    settle(grantId).statusCode(409).body("rule", equalTo("SETTLEMENT-GRANT-RUNNING"));
    at(LocalDate.of(2049, 4, 1));
    settle(grantId)
        .statusCode(201)
        .body("finalAmountYen", equalTo(0))
        .body("journalEntryId", nullValue());
  }

  @Test
  void shouldSettleATerminatedGrantBeforeItsPlannedEnd() {
    UUID grantId = wpi(FY + 2, FY + 3);
    settle(grantId).statusCode(409).body("rule", equalTo("SETTLEMENT-GRANT-RUNNING"));
    Db.awaitApplied(producer.send(new GrantTerminated(grantId, FY + 2, "misconduct")));
    settle(grantId).statusCode(201);
  }

  @Test
  void shouldRefuseWhileAYearWithMoneyHasNoAcceptedReport() {
    UUID grantId = wpi(FY, FY + 1);
    pay(grantId, FY, 10_000_000L, "PERSONNEL");
    pay(grantId, FY + 1, 9_000_000L, "PERSONNEL");
    report(grantId, reportBody(FY, "PERSONNEL", 10_000_000L)).statusCode(201);

    settle(grantId)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("SETTLEMENT-YEAR-UNREPORTED"))
        .body("fiscalYears", equalTo(List.of(FY + 1)));
    // a report awaiting approval is not accepted yet
    report(grantId, reportBody(FY + 1, "TRAVEL", 9_000_000L)).statusCode(202);
    settle(grantId).statusCode(409).body("rule", equalTo("SETTLEMENT-YEAR-UNREPORTED"));
    approve(officer(), grantId, FY + 1, "a conference replaced the hire").statusCode(200);
    settle(grantId).statusCode(201).body("finalAmountYen", equalTo(19_000_000));
  }

  @Test
  void shouldRefuseWhileAReportedYearHoldsUnspentMoney() {
    UUID grantId = wpi(FY, FY + 1);
    pay(grantId, FY, 10_000_000L, "PERSONNEL");
    report(grantId, reportBody(FY, "PERSONNEL", 6_000_000L))
        .statusCode(201)
        .body("unspentYen", equalTo(4_000_000));

    settle(grantId)
        .statusCode(409)
        .body("rule", equalTo("SETTLEMENT-MONEY-UNSETTLED"))
        .body("fiscalYears", equalTo(List.of(FY)))
        .body("amountsYen.FY" + FY, equalTo(4_000_000));
    assertThat(Db.number("SELECT count(*) FROM settlement WHERE grant_id = ?", grantId)).isZero();
    assertThat(Db.text("SELECT settled_at::text FROM grant_account WHERE grant_id = ?", grantId))
        .isNull();

    // the unspent 4,000,000 yen come back, as the refund flow records it (rows only)
    Db.number(
        "WITH r AS (INSERT INTO refund (refund_id, grant_id, fiscal_year, kind, amount_yen, indirect_cost_yen,"
            + " additional_charge_yen, journal_entry_id, actor, actor_role, recorded_at) VALUES (?, ?, ?, 'VOLUNTARY',"
            + " 4000000, 0, 0, ?, 'test', 'finance', now()) RETURNING 1),"
            + " y AS (UPDATE grant_year SET disbursed_yen = disbursed_yen - 4000000, refunded_yen = refunded_yen + 4000000"
            + " WHERE grant_id = ? AND fiscal_year = ? RETURNING 1),"
            + " a AS (UPDATE grant_account SET disbursed_yen = disbursed_yen - 4000000 WHERE grant_id = ? RETURNING 1)"
            + " SELECT (SELECT count(*) FROM r) + (SELECT count(*) FROM y) + (SELECT count(*) FROM a)",
        UUID.randomUUID(),
        grantId,
        FY,
        UUID.randomUUID(),
        grantId,
        FY,
        grantId);
    settle(grantId)
        .statusCode(201)
        .body("finalAmountYen", equalTo(6_000_000))
        .body("paidYen", equalTo(10_000_000))
        .body("refundedYen", equalTo(4_000_000));
  }

  @Test
  void shouldAdmitProgramOfficersAndFinanceOnly() {
    UUID grantId = wpi(FY, FY + 1);
    settle(applicant(), null, grantId).statusCode(403);
    settle(Tokens.auditor(), null, grantId).statusCode(403);
    settle(Tokens.admin(), null, grantId).statusCode(403);
    given().post("/api/v1/ledger/grants/" + grantId + "/settlement").then().statusCode(401);
    assertThat(Db.number("SELECT count(*) FROM settlement WHERE grant_id = ?", grantId)).isZero();
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/settlement")
        .then()
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-SETTLEMENT"));
    settle(officer(), null, UUID.randomUUID())
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-GRANT"));
    settle(officer(), null, grantId).statusCode(201);
  }

  @Test
  void shouldCountRefundsAndIndirectCostsInTheFinalFigures() {
    UUID grantId = wpi(FY);
    pay(grantId, FY, 20_000_000L, "EQUIPMENT");
    // The payment paid 6,000,000 of indirect costs (30 %); a real refund of 2,000,000 brings
    // 600,000 of them back.
    given()
        .header("Authorization", Tokens.finance())
        .contentType("application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(java.util.Map.of("fiscalYear", FY, "amountYen", 2_000_000L, "kind", "VOLUNTARY"))
        .post("/api/v1/ledger/grants/" + grantId + "/refunds")
        .then()
        .statusCode(201)
        .body("indirectCostYen", equalTo(600_000));
    report(grantId, reportBody(FY, "EQUIPMENT", 18_000_000L)).statusCode(201);
    settle(grantId)
        .statusCode(201)
        .body("finalAmountYen", equalTo(18_000_000))
        .body("finalIndirectCostYen", equalTo(5_400_000))
        .body("paidYen", equalTo(20_000_000))
        .body("refundedYen", equalTo(2_000_000))
        .body("additionalChargeYen", equalTo(0));
    assertThat(
            Db.number("SELECT final_indirect_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(5_400_000L);
    assertThat(
            Db.number(
                "SELECT sum(l.debit_yen) FROM journal_line l JOIN journal_entry e ON e.entry_id = l.entry_id"
                    + " WHERE e.grant_id = ? AND e.kind = 'GRANT_SETTLED'",
                grantId))
        .isEqualTo(23_400_000L);
  }
}
