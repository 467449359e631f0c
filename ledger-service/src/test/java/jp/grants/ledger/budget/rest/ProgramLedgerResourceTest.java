package jp.grants.ledger.budget.rest;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Pools and fiscal years: budgets from the catalog or set by an administrator, and what they paid.
 */
@QuarkusTest
class ProgramLedgerResourceTest {

  private static void disburse(UUID grantId, int fiscalYear, long amountYen) {
    given()
        .header("Authorization", Tokens.finance())
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
        .statusCode(201);
  }

  @Test
  void shouldSetAPoolsBudgetAndJournalTheChangeWithTheAdministratorAsActor() {
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 1_000_000_000L, "reason", "supplementary budget revised"))
        .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2080/budget")
        .then()
        .statusCode(200)
        .body("budgetPool", equalTo("SATREPS"))
        .body("budgetYen", equalTo(1_000_000_000))
        .body("budgetSource", equalTo("OVERRIDE"))
        .body("headroomYen", equalTo(1_000_000_000));

    assertThat(
            Db.text(
                "SELECT string_agg(kind || ':' || actor, ',' ORDER BY position) FROM journal_entry"
                    + " WHERE budget_pool = 'SATREPS' AND fiscal_year = 2080"))
        .isEqualTo("BUDGET_APPROPRIATED:system:ledger-service,BUDGET_SET:budget-admin");
    assertThat(
            Db.number(
                "SELECT sum(debit_yen - credit_yen) FROM journal_line WHERE account = ?",
                Accounts.programBudget("SATREPS", 2080)))
        .isEqualTo(1_000_000_000L);
  }

  @Test
  void shouldRefuseABudgetBelowWhatWasDisbursedAlready() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(producer, award("SATREPS", 50_000_000L, fy(2081, 50_000_000L))).grantId();
      disburse(grantId, 2081, 20_000_000L);

      given()
          .header("Authorization", Tokens.admin())
          .contentType(ContentType.JSON)
          .body(Map.of("budgetYen", 10_000_000L, "reason", "cut"))
          .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2081/budget")
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("rule", equalTo("LEDGER-BUDGET-BELOW-DISBURSED"));

      given()
          .header("Authorization", Tokens.auditor())
          .get("/api/v1/ledger/programs/SATREPS/fiscal-years/2081")
          .then()
          .statusCode(200)
          .body("kind", equalTo("YEARLY"))
          .body("budgetYen", equalTo(2_000_000_000))
          .body("budgetSource", equalTo("CATALOG"))
          .body("grants", equalTo(1))
          .body("allocatedYen", equalTo(50_000_000))
          // 20,000,000 direct and 6,000,000 indirect costs (30 %) came out of the budget.
          .body("disbursedYen", equalTo(26_000_000))
          .body("headroomYen", equalTo(1_974_000_000))
          .body("unallocatedYen", equalTo(1_950_000_000));
    }
  }

  @Test
  void shouldSummariseAFiscalYearPerPoolAndPerProgram() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID core =
          Awards.publish(producer, award("WPI-CORE", 500_000_000L, fy(2082, 500_000_000L)))
              .grantId();
      UUID multi =
          Awards.publish(producer, award("WPI-MULTI", 700_000_000L, fy(2082, 700_000_000L)))
              .grantId();
      disburse(core, 2082, 100_000_000L);
      disburse(multi, 2082, 300_000_000L);

      var summary =
          given()
              .header("Authorization", Tokens.bearer("po-1", Roles.PROGRAM_OFFICER))
              .get("/api/v1/ledger/fiscal-years/2082/summary")
              .then()
              .statusCode(200)
              .body("fiscalYear", equalTo(2082))
              .body("programs.programCode", hasItem("WPI-CORE"))
              .extract()
              .jsonPath();

      Map<String, Object> wpi = summary.getMap("pools.find { it.budgetPool == 'WPI' }");
      assertThat(wpi.get("programs")).isEqualTo(List.of("WPI", "WPI-CORE", "WPI-MULTI"));
      assertThat(((Number) wpi.get("budgetYen")).longValue()).isEqualTo(7_200_000_000L);
      assertThat(((Number) wpi.get("allocatedYen")).longValue()).isEqualTo(1_200_000_000L);
      // 400,000,000 direct and 120,000,000 indirect costs.
      assertThat(((Number) wpi.get("disbursedYen")).longValue()).isEqualTo(520_000_000L);
      assertThat(((Number) wpi.get("headroomYen")).longValue()).isEqualTo(6_680_000_000L);
      Map<String, Object> coreRow =
          summary.getMap("programs.find { it.programCode == 'WPI-CORE' }");
      assertThat(((Number) coreRow.get("disbursedYen")).longValue()).isEqualTo(100_000_000L);
      assertThat(((Number) coreRow.get("unspentYen")).longValue()).isEqualTo(400_000_000L);
    }
  }

  @Test
  void shouldShowTheSharedWpiPoolUnderEachOfItsPrograms() {
    given()
        .header("Authorization", Tokens.finance())
        .get("/api/v1/ledger/programs/WPI-MULTI/fiscal-years/2025")
        .then()
        .statusCode(200)
        .body("budgetPool", equalTo("WPI"))
        .body("programs", equalTo(List.of("WPI", "WPI-CORE", "WPI-MULTI")))
        .body("budgetYen", equalTo(7_200_000_000L));
  }

  @Test
  void shouldRefuseBudgetChangesFromOtherRolesAndBadInput() {
    given()
        .header("Authorization", Tokens.finance())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2083/budget")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", -1L, "reason", "x"))
        .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2083/budget")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("budgetYen"));
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2101/budget")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/NO-SUCH-PROGRAM/fiscal-years/2083/budget")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    assertThat(
            Db.number(
                "SELECT count(*) FROM program_year WHERE budget_pool = 'SATREPS' AND fiscal_year IN (2083, 2101)"))
        .isZero();
  }

  @Test
  void shouldShowAFundsKindTotalDrawnRemainingAndTermUnderEachOfItsPrograms() {
    given()
        .header("Authorization", Tokens.finance())
        .get("/api/v1/ledger/programs/NEXUS")
        .then()
        .statusCode(200)
        .body("budgetPool", equalTo("ASPIRE"))
        .body("kind", equalTo("FUND"))
        .body("programs", equalTo(List.of("ASPIRE", "NEXUS")))
        .body("firstFiscalYear", equalTo(2022))
        .body("lastFiscalYear", equalTo(2034))
        .body("totalYen", notNullValue())
        .body("remainingYen", notNullValue());
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/programs/ASPIRE/fiscal-years/2026")
        .then()
        .statusCode(200)
        .body("kind", equalTo("FUND"))
        .body("fund.firstFiscalYear", equalTo(2022))
        .body("fund.lastFiscalYear", equalTo(2034));
    // Outside the fund's term nothing can be drawn.
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/programs/ASPIRE/fiscal-years/2040")
        .then()
        .statusCode(200)
        .body("headroomYen", equalTo(0));
    given()
        .header("Authorization", Tokens.finance())
        .get("/api/v1/ledger/programs/WPI")
        .then()
        .statusCode(200)
        .body("kind", equalTo("YEARLY"));
  }

  @Test
  void shouldSetAFundsTotalJournalledAndRefuseItBelowWhatWasDrawn() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(producer, award("KAKENHI-ILR", 100_000_000L, fy(2030, 100_000_000L)))
              .grantId();
      disburse(grantId, 2030, 10_000_000L);
      long total = Db.number("SELECT total_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'");
      long drawn =
          Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'");
      assertThat(drawn).isGreaterThanOrEqualTo(13_000_000L);

      given()
          .header("Authorization", Tokens.admin())
          .contentType(ContentType.JSON)
          .body(Map.of("totalYen", drawn - 1, "reason", "cut"))
          .put("/api/v1/ledger/programs/KAKENHI-ILR/fund")
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("rule", equalTo("LEDGER-BUDGET-BELOW-DISBURSED"));
      given()
          .header("Authorization", Tokens.admin())
          .contentType(ContentType.JSON)
          .body(Map.of("totalYen", total + 1_000L, "reason", "supplementary budget"))
          .put("/api/v1/ledger/programs/KAKENHI-ILR/fund")
          .then()
          .statusCode(200)
          .body("kind", equalTo("FUND"))
          .body("totalYen", equalTo(total + 1_000L))
          .body("remainingYen", equalTo(total + 1_000L - drawn))
          .body("budgetSource", equalTo("OVERRIDE"));
      assertThat(
              Db.number(
                  "SELECT sum(debit_yen - credit_yen) FROM journal_line WHERE account = ?",
                  Accounts.fundBudget("KAKENHI-ILR")))
          .isEqualTo(total + 1_000L - drawn);
      assertThat(
              Db.text(
                  "SELECT actor FROM journal_entry WHERE budget_pool = 'KAKENHI-ILR' AND kind = 'BUDGET_SET'"
                      + " ORDER BY position DESC LIMIT 1"))
          .isEqualTo("budget-admin");
      // Back to what it was, for the other tests.
      given()
          .header("Authorization", Tokens.admin())
          .contentType(ContentType.JSON)
          .body(Map.of("totalYen", total, "reason", "restored"))
          .put("/api/v1/ledger/programs/KAKENHI-ILR/fund")
          .then()
          .statusCode(200);
    }
    given()
        .header("Authorization", Tokens.finance())
        .contentType(ContentType.JSON)
        .body(Map.of("totalYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/ASPIRE/fund")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("totalYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/WPI/fund")
        .then()
        .statusCode(409)
        .body("rule", equalTo("LEDGER-POOL-IS-YEARLY"));
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", 1L, "reason", "x"))
        .put("/api/v1/ledger/programs/NEXUS/fiscal-years/2026/budget")
        .then()
        .statusCode(409)
        .body("rule", equalTo("LEDGER-POOL-IS-FUND"));
    assertThat(
            Db.number(
                "SELECT count(*) FROM program_year WHERE budget_pool IN ('ASPIRE', 'NEXUS', 'KAKENHI-ILR')"))
        .isZero();
  }
}
