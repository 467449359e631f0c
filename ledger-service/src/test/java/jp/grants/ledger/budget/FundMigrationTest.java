package jp.grants.ledger.budget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import jp.grants.ledger.budget.command.ProgramBudgets;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.support.Balances;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Data written before funds existed migrates at start-up: a NEXUS grant of pool NEXUS moves to pool
 * ASPIRE, and per-year rows of the fund pools (ASPIRE, NEXUS, KAKENHI-ILR) become the funds' rows
 * with what they paid, journalled so that every account still agrees with its row.
 */
@QuarkusTest
class FundMigrationTest {

  private static void sql(String statement, Object... parameters) {
    try (Connection c = Db.dataSource().getConnection();
        var s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }

  /** A per-year budget row as the ledger wrote it before issue 14, with its journal entries. */
  private static void legacyBudget(
      Journal journal, String pool, int fy, long budget, long paid, UUID payee) {
    sql(
        "INSERT INTO program_year (budget_pool, fiscal_year, budget_yen, disbursed_yen, budget_source)"
            + " VALUES (?, ?, ?, ?, 'CATALOG')",
        pool,
        fy,
        budget,
        paid);
    journal.append(
        Movements.budget(EntryKind.BUDGET_APPROPRIATED, pool, fy, budget, "legacy budget"),
        Journal.Subject.budget(pool, fy),
        Provenance.system());
    journal.append(
        Movements.disbursement(payee, pool, fy, paid, "legacy payment"),
        new Journal.Subject(payee, pool, fy, null),
        Provenance.system());
  }

  @Test
  void shouldMoveNexusGrantsToTheAspireFundAndFoldTheFundPoolsYearsIntoTheirFunds() {
    ProgramBudgets budgets = Arc.container().instance(ProgramBudgets.class).get();
    Journal journal = Arc.container().instance(Journal.class).get();
    UUID nexus = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    QuarkusTransaction.requiringNew().run(() -> budgets.ensureFund("ASPIRE", Provenance.system()));
    QuarkusTransaction.requiringNew()
        .run(() -> budgets.ensureFund("KAKENHI-ILR", Provenance.system()));
    long aspireBefore =
        Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'");
    long ilrBefore =
        Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'");
    long aspireCommitments = Balances.balance(Accounts.programCommitments("ASPIRE", 2030));

    // Before issue 14: a NEXUS grant in pool NEXUS, 10,000,000 allocated for FY2030, 3,000,000
    // paid.
    sql(
        "INSERT INTO grant_account (grant_id, program_code, budget_pool, phase, status, start_fiscal_year,"
            + " end_fiscal_year, total_cap_yen, disbursed_yen, eligible_expenses) VALUES (?, 'NEXUS', 'NEXUS', 'MAIN',"
            + " 'ACTIVE', 2030, 2030, 10000000, 3000000, '')",
        nexus);
    sql(
        "INSERT INTO grant_year (grant_id, fiscal_year, allocation_yen, disbursed_yen) VALUES (?, 2030, 10000000,"
            + " 3000000)",
        nexus);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              journal.append(
                  Movements.allocations(
                          EntryKind.GRANT_AWARDED,
                          nexus,
                          "NEXUS",
                          Map.of(2030, 10_000_000L),
                          10_000_000L,
                          "legacy award")
                      .build(),
                  Journal.Subject.grant(nexus, "NEXUS"),
                  Provenance.system());
              legacyBudget(journal, "NEXUS", 2030, 14_600_000_000L, 3_000_000L, nexus);
              legacyBudget(journal, "ASPIRE", 2031, 44_000_000_000L, 5_000_000L, other);
              legacyBudget(journal, "KAKENHI-ILR", 2031, 11_000_000_000L, 2_000_000L, other);
            });

    int moved = QuarkusTransaction.requiringNew().call(budgets::migrateFunds);

    assertThat(moved).isEqualTo(4);
    assertThat(Db.text("SELECT budget_pool FROM grant_account WHERE grant_id = ?", nexus))
        .isEqualTo("ASPIRE");
    assertThat(
            Db.number(
                "SELECT count(*) FROM program_year WHERE budget_pool IN ('NEXUS', 'ASPIRE', 'KAKENHI-ILR')"))
        .isZero();
    assertThat(Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'"))
        .isEqualTo(aspireBefore + 8_000_000L);
    assertThat(Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'KAKENHI-ILR'"))
        .isEqualTo(ilrBefore + 2_000_000L);
    // Every old year's budget account is closed into the fund; the NEXUS commitments follow the
    // grant.
    for (String account :
        new String[] {
          Accounts.programBudget("NEXUS", 2030),
          Accounts.appropriation("NEXUS", 2030),
          Accounts.programBudget("ASPIRE", 2031),
          Accounts.appropriation("ASPIRE", 2031),
          Accounts.programBudget("KAKENHI-ILR", 2031),
          Accounts.programCommitments("NEXUS", 2030),
          Accounts.programAwards("NEXUS")
        }) {
      assertThat(Balances.balance(account)).as(account).isZero();
    }
    assertThat(Balances.balance(Accounts.programCommitments("ASPIRE", 2030)))
        .isEqualTo(aspireCommitments - 7_000_000L);
    Balances.assertFundBalanced("ASPIRE");
    Balances.assertFundBalanced("KAKENHI-ILR");
    assertThat(Db.number("SELECT count(*) FROM journal_entry WHERE kind = 'FUND_MIGRATED'"))
        .isGreaterThanOrEqualTo(3);
    // Once is enough: a second start-up finds nothing to move.
    assertThat(QuarkusTransaction.requiringNew().call(budgets::migrateFunds)).isZero();

    // The migrated grant now draws on the ASPIRE fund: 1,000,000 direct and 300,000 indirect.
    given()
        .header("Authorization", Tokens.finance())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                nexus.toString(),
                "fiscalYear",
                2030,
                "amountYen",
                1_000_000L,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(201);
    assertThat(Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'"))
        .isEqualTo(aspireBefore + 9_300_000L);
    Balances.assertFundBalanced("ASPIRE");
    assertThat(Balances.balance(Accounts.grantAllocation(nexus, 2030))).isEqualTo(6_000_000L);
    assertThat(Balances.balance(Accounts.grantAward(nexus))).isEqualTo(6_000_000L);
    assertThat(Balances.balance(Accounts.grantIndirect(nexus))).isEqualTo(300_000L);
  }
}
