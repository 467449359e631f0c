package jp.grants.ledger.report;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.report.ReportFixtures.applicant;
import static jp.grants.ledger.report.ReportFixtures.approve;
import static jp.grants.ledger.report.ReportFixtures.grant;
import static jp.grants.ledger.report.ReportFixtures.officer;
import static jp.grants.ledger.report.ReportFixtures.pay;
import static jp.grants.ledger.report.ReportFixtures.report;
import static jp.grants.ledger.report.ReportFixtures.reportBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.ledger.AnnualReportAccepted;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.LedgerEventsReader;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Annual financial reports against the real database and broker: accepted at once within the free
 * limit on transfers, awaiting a program officer's approval beyond it, every refusal by its rule,
 * one report per grant-year with idempotent replays, roles, and AnnualReportAccepted on
 * ledger-events.
 */
@QuarkusTest
class AnnualReportResourceTest {
  /** WPI pool years no other test uses. */
  private static final int FY = 2036;

  private static GrantEventsProducer producer;
  private static LedgerEventsReader events;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
    events = new LedgerEventsReader();
  }

  private static boolean budgets;

  @AfterAll
  static void disconnect() {
    producer.close();
    events.close();
  }

  private static synchronized UUID wpi() {
    if (!budgets) {
      Ledger.setBudget("WPI", FY, 10_000_000_000L);
      Ledger.setBudget("WPI", FY + 1, 10_000_000_000L);
      budgets = true;
    }
    return grant(producer, "WPI", 100_000_000L, FY, FY + 1);
  }

  private static long reports(UUID grantId) {
    return Db.number("SELECT count(*) FROM annual_report WHERE grant_id = ?", grantId);
  }

  private static long outbox(UUID grantId, String type) {
    return Db.number(
        "SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?",
        grantId.toString(),
        type);
  }

  @Test
  void shouldAcceptAReportWithinTheFreeLimitAndPublishIt() {
    UUID grantId = wpi();
    pay(grantId, FY, 30_000_000L, "PERSONNEL");
    pay(grantId, FY, 10_000_000L, "EQUIPMENT");

    String reportId =
        report(
                applicant(),
                UUID.randomUUID().toString(),
                grantId,
                reportBody(
                    FY, "PERSONNEL", 27_000_000L, "EQUIPMENT", 12_000_000L, "TRAVEL", 1_000_000L))
            .statusCode(201)
            .header("Location", "/api/v1/ledger/grants/" + grantId + "/annual-reports/" + FY)
            .body("status", equalTo("ACCEPTED"))
            .body("grantId", equalTo(grantId.toString()))
            .body("fiscalYear", equalTo(FY))
            .body("reportedYen", equalTo(40_000_000))
            .body("paidYen", equalTo(40_000_000))
            .body("unspentYen", equalTo(0))
            // EQUIPMENT 2,000,000 and TRAVEL 1,000,000 beyond what was paid in them
            .body("transferredYen", equalTo(3_000_000))
            // max(50 % of 40,000,000, 3,000,000)
            .body("freeLimitYen", equalTo(20_000_000))
            .body("approvalReason", nullValue())
            .body("spending", hasSize(3))
            .body("spending.find { it.category == 'PERSONNEL' }.amountYen", equalTo(27_000_000))
            .body("spending.find { it.category == 'PERSONNEL' }.paidYen", equalTo(30_000_000))
            .body("spending.find { it.category == 'TRAVEL' }.paidYen", equalTo(0))
            .extract()
            .path("reportId");

    AnnualReportAccepted event =
        (AnnualReportAccepted) events.awaitAnswer(UUID.fromString(reportId)).event();
    assertThat(event.grantId()).isEqualTo(grantId);
    assertThat(event.programCode()).isEqualTo("WPI");
    assertThat(event.fiscalYear()).isEqualTo(FY);
    assertThat(event.reportedYen()).isEqualTo(40_000_000L);
    assertThat(event.paidYen()).isEqualTo(40_000_000L);
    assertThat(event.unspentYen()).isZero();
    assertThat(event.transferredYen()).isEqualTo(3_000_000L);
    assertThat(event.spending())
        .containsExactly(
            new CategoryAmount(ExpenseCategory.PERSONNEL, 27_000_000L),
            new CategoryAmount(ExpenseCategory.TRAVEL, 1_000_000L),
            new CategoryAmount(ExpenseCategory.EQUIPMENT, 12_000_000L));
    var answer = events.awaitAnswer(UUID.fromString(reportId));
    assertThat(answer.key()).isEqualTo(grantId.toString());
    assertThat(answer.envelope().actor()).isEqualTo("applicant-7");
    assertThat(answer.envelope().actorrole()).isEqualTo(Roles.APPLICANT);

    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/annual-reports/" + FY)
        .then()
        .statusCode(200)
        .body("reportId", equalTo(reportId))
        .body("status", equalTo("ACCEPTED"))
        .body("submittedBy", equalTo("applicant-7"));
    given()
        .header("Authorization", officer())
        .get("/api/v1/ledger/grants/" + grantId + "/annual-reports")
        .then()
        .statusCode(200)
        .body("reportId", equalTo(List.of(reportId)));
  }

  @Test
  void shouldHoldAReportBeyondTheFreeLimitUntilAProgramOfficerApprovesItWithAReason() {
    UUID grantId = wpi();
    pay(grantId, FY, 8_000_000L, "PERSONNEL");

    // 8,000,000 yen of personnel money spent on travel: beyond max(4,000,000, 3,000,000)
    String reportId =
        report(grantId, reportBody(FY, "TRAVEL", 8_000_000L))
            .statusCode(202)
            .body("status", equalTo("AWAITING_APPROVAL"))
            .body("transferredYen", equalTo(8_000_000))
            .body("freeLimitYen", equalTo(4_000_000))
            .extract()
            .path("reportId");
    assertThat(outbox(grantId, "jp.grants.ledger.AnnualReportAccepted")).isZero();

    approve(Tokens.finance(), grantId, FY, "finance cannot approve").statusCode(403);
    approve(officer(), grantId, FY, null).statusCode(400);
    approve(officer(), grantId, FY, "   ").statusCode(400);
    approve(officer(), grantId, FY + 1, "no report for that year")
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-REPORT"));

    approve(officer(), grantId, FY, "travel to the partner institute replaced the planned hire")
        .statusCode(200)
        .body("reportId", equalTo(reportId))
        .body("status", equalTo("ACCEPTED"))
        .body(
            "approvalReason", equalTo("travel to the partner institute replaced the planned hire"))
        .body("approvedBy", equalTo("officer-3"));
    AnnualReportAccepted event =
        (AnnualReportAccepted) events.awaitAnswer(UUID.fromString(reportId)).event();
    assertThat(event.approvalReason())
        .isEqualTo("travel to the partner institute replaced the planned hire");
    assertThat(event.transferredYen()).isEqualTo(8_000_000L);
    assertThat(events.awaitAnswer(UUID.fromString(reportId)).envelope().actorrole())
        .isEqualTo(Roles.PROGRAM_OFFICER);

    approve(officer(), grantId, FY, "again")
        .statusCode(409)
        .body("rule", equalTo("REPORT-NOT-AWAITING-APPROVAL"));
    assertThat(outbox(grantId, "jp.grants.ledger.AnnualReportAccepted")).isEqualTo(1);
  }

  @Test
  void shouldRefuseAReportClaimingMoreThanTheYearHolds() {
    UUID grantId = wpi();
    pay(grantId, FY, 5_000_000L, "PERSONNEL");

    report(grantId, reportBody(FY, "PERSONNEL", 5_000_000L, "TRAVEL", 1L))
        .statusCode(422)
        .contentType("application/problem+json")
        .body("rule", equalTo("REPORT-EXCEEDS-PAID"))
        .body("type", equalTo("urn:jp-grants:problem:rule:REPORT-EXCEEDS-PAID"))
        .body("amountsYen.reportedYen", equalTo(5_000_001))
        .body("amountsYen.heldYen", equalTo(5_000_000))
        .body("fiscalYear", equalTo(FY));
    assertThat(reports(grantId)).isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM idempotency_record WHERE scope = 'finance-clerk-1' AND response_body LIKE ?",
                "%" + grantId + "%"))
        .isZero();
  }

  @Test
  void shouldRefuseCategoriesTheProgramDoesNotFund() {
    UUID grantId = wpi();
    pay(grantId, FY, 5_000_000L, "PERSONNEL");

    report(grantId, reportBody(FY, "PERSONNEL", 1_000_000L, "RESEARCH_PROJECT", 1_000_000L))
        .statusCode(422)
        .body("rule", equalTo("EXPENSE-ELIGIBLE"));
    assertThat(reports(grantId)).isZero();
  }

  @Test
  void shouldRefuseAYearOutsideTheGrantAndAnUnknownGrant() {
    UUID grantId = wpi();
    report(grantId, reportBody(FY + 2, "PERSONNEL", 0L))
        .statusCode(422)
        .body("rule", equalTo("FISCAL-YEAR-OUTSIDE-GRANT"));
    report(UUID.randomUUID(), reportBody(FY, "PERSONNEL", 0L))
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-GRANT"));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + UUID.randomUUID() + "/annual-reports")
        .then()
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-GRANT"));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/annual-reports/" + FY)
        .then()
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-REPORT"));
  }

  @Test
  void shouldKeepOneReportPerGrantYearAndReplayTheSameRequest() {
    UUID grantId = wpi();
    pay(grantId, FY, 2_000_000L, "TRAVEL");
    String key = UUID.randomUUID().toString();
    var body = reportBody(FY, "TRAVEL", 2_000_000L);

    String first =
        report(Tokens.finance(), key, grantId, body).statusCode(201).extract().asString();
    String replay =
        report(Tokens.finance(), key, grantId, body)
            .statusCode(201)
            .header("Idempotent-Replayed", "true")
            .extract()
            .asString();
    assertThat(replay).isEqualTo(first);

    report(Tokens.finance(), key, grantId, reportBody(FY, "TRAVEL", 1_000_000L))
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    report(Tokens.finance(), UUID.randomUUID().toString(), grantId, body)
        .statusCode(409)
        .body("rule", equalTo("REPORT-ALREADY-SUBMITTED"));
    report(applicant(), null, grantId, body)
        .statusCode(409)
        .body("rule", equalTo("REPORT-ALREADY-SUBMITTED"));

    assertThat(reports(grantId)).isEqualTo(1);
    assertThat(outbox(grantId, "jp.grants.ledger.AnnualReportAccepted")).isEqualTo(1);
    // the next year is a report of its own
    report(grantId, reportBody(FY + 1)).statusCode(201).body("reportedYen", equalTo(0));
  }

  @Test
  void shouldAdmitApplicantsAndFinanceOnly() {
    UUID grantId = wpi();
    var body = reportBody(FY);
    report(officer(), null, grantId, body).statusCode(403);
    report(Tokens.auditor(), null, grantId, body).statusCode(403);
    report(Tokens.admin(), null, grantId, body).statusCode(403);
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/ledger/grants/" + grantId + "/annual-reports")
        .then()
        .statusCode(401);
    assertThat(reports(grantId)).isZero();
    report(applicant(), null, grantId, body).statusCode(201);
  }

  @Test
  void shouldRefuseBadInputWithoutWriting() {
    UUID grantId = wpi();
    report(grantId, reportBody(FY, "PERSONNEL", -1L)).statusCode(400);
    report(grantId, reportBody(FY, "PERSONNEL", 1L, "PERSONNEL", 2L)).statusCode(400);
    report(grantId, reportBody(FY, "NO_SUCH_CATEGORY", 1L)).statusCode(400);
    report(Tokens.finance(), "bad key with spaces", grantId, reportBody(FY)).statusCode(400);
    report(grantId, java.util.Map.of("spending", List.of())).statusCode(400);
    assertThat(reports(grantId)).isZero();
  }

  @Test
  void shouldCompareSpendingWithPaymentsNetOfRefundsInProportion() {
    UUID grantId = wpi();
    pay(grantId, FY, 30_000_000L, "PERSONNEL");
    pay(grantId, FY, 10_000_000L, "TRAVEL");
    // A refund of 8,000,000 yen, as the refund flow records it (its own rows; the journal is not
    // the point here).
    Db.number(
        "WITH r AS (INSERT INTO refund (refund_id, grant_id, fiscal_year, kind, amount_yen, indirect_cost_yen,"
            + " additional_charge_yen, journal_entry_id, actor, actor_role, recorded_at) VALUES (?, ?, ?, 'VOLUNTARY',"
            + " 8000000, 0, 0, ?, 'test', 'finance', now()) RETURNING 1),"
            + " y AS (UPDATE grant_year SET disbursed_yen = disbursed_yen - 8000000, refunded_yen = refunded_yen + 8000000"
            + " WHERE grant_id = ? AND fiscal_year = ? RETURNING 1),"
            + " a AS (UPDATE grant_account SET disbursed_yen = disbursed_yen - 8000000 WHERE grant_id = ? RETURNING 1)"
            + " SELECT (SELECT count(*) FROM r) + (SELECT count(*) FROM y) + (SELECT count(*) FROM a)",
        UUID.randomUUID(),
        grantId,
        FY,
        UUID.randomUUID(),
        grantId,
        FY,
        grantId);

    // 32,000,000 held: PERSONNEL 30 − 6 = 24, TRAVEL 10 − 2 = 8 (millions)
    report(grantId, reportBody(FY, "PERSONNEL", 24_000_000L, "TRAVEL", 8_000_000L))
        .statusCode(201)
        .body("paidYen", equalTo(32_000_000))
        .body("transferredYen", equalTo(0))
        .body("spending.find { it.category == 'PERSONNEL' }.paidYen", equalTo(24_000_000))
        .body("spending.find { it.category == 'TRAVEL' }.paidYen", equalTo(8_000_000));
  }
}
