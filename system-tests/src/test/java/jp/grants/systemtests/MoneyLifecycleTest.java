package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static jp.grants.systemtests.Clients.id;
import static jp.grants.systemtests.Clients.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The money as the funders run it, across the three services on a real PostgreSQL and Kafka: a WPI
 * CORE center paid over two fiscal years with indirect costs, a carry-over, a refund, two annual
 * reports and the final settlement in the third, checked figure by figure in the ledger and in the
 * grant's own history; and two programs (ASPIRE and NEXUS) drawing on one fund until it is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoneyLifecycleTest {
  private static final String PO = "po-jsps-9";
  private static final String ADMIN = "admin-9";
  private static final String FINANCE = "finance-jsps-9";
  private static final String AUDITOR = "auditor-boa-9";
  private static final String APPLICANT = "applicant-kyushu-9";
  private static final long M = 1_000_000L;

  private LocalSystem system;
  private Clients api;
  private Committees committees;

  @BeforeAll
  void startTheWholeSystem() {
    system =
        LocalSystem.start(
            LocalSystemConfig.isolated(
                ProjectFiles.root(),
                ProjectFiles.file("system-tests/target/money-lifecycle"),
                Duration.ofSeconds(180)));
    api = new Clients(system);
    committees = Committees.register(api, "WPI-CORE");
  }

  @AfterAll
  void stopTheWholeSystem() {
    if (system != null) {
      system.stop();
    }
  }

  private UUID award(String program, int start, int years, long annual, String host) {
    UUID grant =
        id(
            api.grants(APPLICANT, "applicant")
                .body(proposal(program, start, years, annual, host))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    step(grant, "screening", Map.of("eligible", true));
    if (program.startsWith("WPI")) {
      committees.award(grant); // WPI's committee selects
    } else {
      step(grant, "award", Map.of("reason", "selected by the funder's panel"));
    }
    eventually(
        api.ledger(FINANCE, "finance"),
        "/api/v1/ledger/grants/" + grant,
        json -> json.getLong("totalCapYen") > 0);
    return grant;
  }

  private void step(UUID grant, String path, Object body) {
    api.grants(PO, "program-officer")
        .body(body)
        .post("/api/v1/grants/" + grant + "/" + path)
        .then()
        .statusCode(200);
  }

  /**
   * Finance asks grant-service to pay; the ledger answers on Kafka; waits until the grant has it.
   */
  private void pay(UUID grant, int fiscalYear, long amountYen, String category) {
    String id =
        api.grants(FINANCE, "finance")
            .body(
                Map.of(
                    "fiscalYear",
                    fiscalYear,
                    "amountYen",
                    amountYen,
                    "expenseCategory",
                    category,
                    "purpose",
                    "system test"))
            .post("/api/v1/grants/" + grant + "/disbursement-requests")
            .then()
            .statusCode(200)
            .extract()
            .path("disbursementId");
    eventually(
        api.grants(FINANCE, "finance"),
        "/api/v1/grants/" + grant + "/disbursements",
        json ->
            "DISBURSED"
                .equals(json.getString("items.find { it.disbursementId == '" + id + "' }.state")));
  }

  private JsonPath year(JsonPath reconciliation, int fiscalYear) {
    return new JsonPath(reconciliation.prettify())
        .setRootPath("years.find { it.fiscalYear == " + fiscalYear + " }");
  }

  private static List<Map<String, Object>> spending(Object... categoryAndAmount) {
    List<Map<String, Object>> lines = new java.util.ArrayList<>();
    for (int i = 0; i < categoryAndAmount.length; i += 2) {
      lines.add(Map.of("category", categoryAndAmount[i], "amountYen", categoryAndAmount[i + 1]));
    }
    return lines;
  }

  @Test
  void shouldRunAWpiCoreCentersMoneyFromFirstPaymentToFinalSettlement() {
    UUID grant = award("WPI-CORE", 2024, 10, 500 * M, "Kyushu University");
    String ledger = "/api/v1/ledger/grants/" + grant;

    // FY2024: 400 million paid in two payments; 30 % indirect costs go to the host on top.
    pay(grant, 2024, 300 * M, "PERSONNEL");
    pay(grant, 2024, 100 * M, "EQUIPMENT");

    // The unpaid 100 million of FY2024 moves to FY2025: a yearly subsidy, so a program officer
    // approves it.
    api.ledger(FINANCE, "finance")
        .body(Map.of("fromFiscalYear", 2024, "amountYen", 100 * M, "reason", "delivery late"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(ledger + "/carry-overs")
        .then()
        .statusCode(403)
        .body("rule", equalTo("CARRY-OVER-APPROVAL-REQUIRED"));
    api.ledger(PO, "program-officer")
        .body(
            Map.of(
                "fromFiscalYear",
                2024,
                "amountYen",
                100 * M,
                "reason",
                "equipment delivery slipped to FY2025"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(ledger + "/carry-overs")
        .then()
        .statusCode(201)
        .body("toFiscalYear", equalTo(2025))
        .body("paidMovedYen", equalTo(0))
        .body("approved", equalTo(true));

    // FY2024's report: 390 million spent, 10 million unspent, which the center returns.
    api.ledger(APPLICANT, "applicant")
        .body(
            Map.of(
                "fiscalYear",
                2024,
                "spending",
                spending("PERSONNEL", 300 * M, "EQUIPMENT", 90 * M)))
        .post(ledger + "/annual-reports")
        .then()
        .statusCode(201)
        .body("status", equalTo("ACCEPTED"))
        .body("unspentYen", equalTo((int) (10 * M)));
    api.ledger(FINANCE, "finance")
        .body(Map.of("fiscalYear", 2024, "amountYen", 10 * M, "kind", "VOLUNTARY"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(ledger + "/refunds")
        .then()
        .statusCode(201)
        .body("indirectCostYen", equalTo((int) (3 * M)))
        .body("additionalChargeYen", equalTo(0));

    // FY2025: the cap grew by the carried 100 million (600 million); 550 million paid.
    pay(grant, 2025, 400 * M, "PERSONNEL");
    pay(grant, 2025, 150 * M, "TRAVEL");

    // The center winds down after FY2025; a program officer orders 20 million back with a reason.
    step(grant, "termination", Map.of("lastFiscalYear", 2025, "reason", "host withdrew"));
    eventually(
        api.ledger(FINANCE, "finance"),
        ledger,
        json -> "TERMINATED".equals(json.getString("status")));
    JsonPath refund =
        api.ledger(PO, "program-officer")
            .body(
                Map.of(
                    "fiscalYear",
                    2025,
                    "amountYen",
                    20 * M,
                    "kind",
                    "ORDERED",
                    "reason",
                    "travel not related to the center"))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .post(ledger + "/refunds")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(refund.getLong("indirectCostYen")).isEqualTo(6 * M);
    // The additional charge (10.95 % a year, Subsidies Act Art. 19) on the latest payments first.
    long expectedCharge = 0;
    for (Map<String, Object> part : refund.<Map<String, Object>>getList("chargeDetail")) {
      long amount = ((Number) part.get("amountYen")).longValue();
      long days = ((Number) part.get("days")).longValue();
      expectedCharge += amount * 1095 * days / (10_000L * 365);
      assertThat(((Number) part.get("chargeYen")).longValue())
          .isEqualTo(amount * 1095 * days / (10_000L * 365));
    }
    assertThat(refund.getLong("additionalChargeYen")).isEqualTo(expectedCharge);

    // Settling before FY2025 is reported is refused; after its report (530 million spent), it
    // settles.
    api.ledger(PO, "program-officer")
        .post(ledger + "/settlement")
        .then()
        .statusCode(409)
        .body("rule", equalTo("SETTLEMENT-YEAR-UNREPORTED"));
    api.ledger(APPLICANT, "applicant")
        .body(
            Map.of(
                "fiscalYear", 2025, "spending", spending("PERSONNEL", 400 * M, "TRAVEL", 130 * M)))
        .post(ledger + "/annual-reports")
        .then()
        .statusCode(201)
        .body("status", equalTo("ACCEPTED"))
        .body("unspentYen", equalTo(0));
    // Closing before the settlement is refused by the grant itself.
    api.grants(PO, "program-officer")
        .body(Map.of("note", "too early"))
        .post("/api/v1/grants/" + grant + "/closure")
        .then()
        .statusCode(409)
        .body("rule", equalTo("GRANT-UNSETTLED"));
    api.ledger(PO, "program-officer")
        .post(ledger + "/settlement")
        .then()
        .statusCode(201)
        .body("finalAmountYen", equalTo((int) (920 * M)))
        .body("finalIndirectCostYen", equalTo((int) (276 * M)));
    // After the settlement no money of the grant moves.
    api.ledger(FINANCE, "finance")
        .body(Map.of("fiscalYear", 2025, "amountYen", M, "kind", "VOLUNTARY"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(ledger + "/refunds")
        .then()
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));

    // The ledger's reconciliation, figure by figure.
    JsonPath rec =
        api.ledger(AUDITOR, "auditor")
            .get(ledger + "/reconciliation")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(rec.getBoolean("settled")).isTrue();
    JsonPath fy2024 = year(rec, 2024);
    assertThat(fy2024.getLong("allocatedYen")).isEqualTo(500 * M);
    assertThat(fy2024.getLong("carriedOutYen")).isEqualTo(100 * M);
    assertThat(fy2024.getLong("capYen")).isEqualTo(400 * M);
    assertThat(fy2024.getLong("paidYen")).isEqualTo(400 * M);
    assertThat(fy2024.getLong("indirectCostYen")).isEqualTo(120 * M);
    assertThat(fy2024.getLong("refundedYen")).isEqualTo(10 * M);
    assertThat(fy2024.getLong("reportedYen")).isEqualTo(390 * M);
    assertThat(fy2024.getLong("finalYen")).isEqualTo(390 * M);
    assertThat(fy2024.getList("differences")).isEmpty();
    JsonPath fy2025 = year(rec, 2025);
    assertThat(fy2025.getLong("allocatedYen")).isEqualTo(500 * M);
    assertThat(fy2025.getLong("carriedInYen")).isEqualTo(100 * M);
    assertThat(fy2025.getLong("capYen")).isEqualTo(600 * M);
    assertThat(fy2025.getLong("paidYen")).isEqualTo(550 * M);
    assertThat(fy2025.getLong("indirectCostYen")).isEqualTo(165 * M);
    assertThat(fy2025.getLong("refundedYen")).isEqualTo(20 * M);
    assertThat(fy2025.getLong("additionalChargeYen")).isEqualTo(expectedCharge);
    assertThat(fy2025.getLong("reportedYen")).isEqualTo(530 * M);
    assertThat(fy2025.getLong("finalYen")).isEqualTo(530 * M);
    assertThat(fy2025.getList("differences")).isEmpty();

    // The grant's history has every step, and the grant closes with the final amount.
    JsonPath history =
        eventually(
            api.grants(AUDITOR, "auditor"),
            "/api/v1/audit/grants/" + grant + "/events",
            json ->
                json.getList("events.type", String.class).contains("jp.grants.grant.GrantSettled"));
    assertThat(history.getList("events.type", String.class))
        .contains(
            "jp.grants.grant.FundsCarriedOver",
            "jp.grants.grant.FundsRefunded",
            "jp.grants.grant.AnnualReportAccepted",
            "jp.grants.grant.GrantSettled");
    api.grants(PO, "program-officer")
        .body(Map.of("note", "settled"))
        .post("/api/v1/grants/" + grant + "/closure")
        .then()
        .statusCode(200);
    JsonPath closed =
        api.grants(AUDITOR, "auditor")
            .queryParam("type", "GrantClosed")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .jsonPath();
    assertThat(closed.getLong("events[0].data.finalAmountYen")).isEqualTo(920 * M);
    api.grants(AUDITOR, "auditor")
        .get("/api/v1/audit/grants/" + grant + "/verify")
        .then()
        .body("valid", equalTo(true));
    for (int fiscalYear : new int[] {2024, 2025}) {
      eventually(
          api.grants(AUDITOR, "auditor")
              .queryParam("program", "WPI-CORE")
              .queryParam("fiscalYear", fiscalYear),
          "/api/v1/audit/reconciliation",
          json -> json.getInt("differences") == 0 && json.getInt("grantsChecked") > 0);
    }
  }

  @Test
  void shouldLetAspireAndNexusDrawOnOneFundUntilItIsEmpty() {
    UUID aspire = award("ASPIRE", 2025, 5, 100 * M, "Osaka University");
    UUID nexus = award("NEXUS", 2025, 5, 100 * M, "Hokkaido University");

    // Lower JST's ASPIRE fund to what is drawn plus 250 million, so that the two grants exhaust it.
    JsonPath before =
        api.ledger(FINANCE, "finance")
            .get("/api/v1/ledger/programs/ASPIRE")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(before.getString("kind")).isEqualTo("FUND");
    assertThat(before.getLong("totalYen")).isEqualTo(58_700_000_000L);
    long drawn = before.getLong("disbursedYen");
    api.ledger(ADMIN, "admin")
        .body(Map.of("totalYen", drawn + 250 * M, "reason", "system test: a small fund"))
        .put("/api/v1/ledger/programs/ASPIRE/fund")
        .then()
        .statusCode(200);

    // Each payment takes its direct costs and 30 % indirect costs from the one fund.
    pay(aspire, 2025, 100 * M, "PERSONNEL"); // 130 million
    pay(nexus, 2025, 80 * M, "TRAVEL"); // 104 million; 16 million left
    String refused =
        api.grants(FINANCE, "finance")
            .body(Map.of("fiscalYear", 2025, "amountYen", 20 * M, "expenseCategory", "TRAVEL"))
            .post("/api/v1/grants/" + nexus + "/disbursement-requests")
            .then()
            .statusCode(200)
            .extract()
            .path("disbursementId");
    eventually(
        api.grants(FINANCE, "finance"),
        "/api/v1/grants/" + nexus + "/disbursements",
        json ->
            "REJECTED"
                .equals(
                    json.getString("items.find { it.disbursementId == '" + refused + "' }.state")));
    JsonPath rejected =
        api.grants(AUDITOR, "auditor")
            .queryParam("type", "DisbursementRejected")
            .get("/api/v1/audit/grants/" + nexus + "/events")
            .jsonPath();
    assertThat(rejected.getString("events[0].data.rule")).isEqualTo("LEDGER-CAP-PROGRAM-FUND");
    assertThat(rejected.getLong("events[0].data.headroomYen")).isEqualTo(16 * M);
    pay(aspire, 2026, 12 * M, "EQUIPMENT"); // 15.6 million: fits, 0.4 million left

    JsonPath fund =
        api.ledger(FINANCE, "finance")
            .get("/api/v1/ledger/programs/NEXUS")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(fund.getString("budgetPool")).isEqualTo("ASPIRE");
    assertThat(fund.getList("programs", String.class)).contains("ASPIRE", "NEXUS");
    assertThat(fund.getLong("disbursedYen")).isEqualTo(drawn + 249_600_000L);
    assertThat(fund.getLong("remainingYen")).isEqualTo(400_000L);
  }
}
