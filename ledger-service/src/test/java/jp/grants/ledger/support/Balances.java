package jp.grants.ledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import jp.grants.ledger.journal.Accounts;

/** The journal's balances per account against the rows they stand for. */
public final class Balances {
  private Balances() {}

  public static long balance(String account) {
    return Db.number(
        "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?",
        account);
  }

  /**
   * Every account of the grant agrees with its rows: each year's allocation account is allocation -
   * held, its paid-carried account paid carried in - out, the award account total cap - disbursed,
   * the host-indirect account the indirect costs held; and every year's row keeps its sums: held =
   * paid - refunded - paid carried out + paid carried in.
   */
  public static void assertGrantBalanced(UUID grantId) {
    try (Connection c = Db.dataSource().getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT fiscal_year, allocation_yen, disbursed_yen,"
                    + " paid_carried_in_yen, paid_carried_out_yen, refunded_yen, indirect_yen - indirect_refunded_yen"
                    + " FROM grant_year WHERE grant_id = ? ORDER BY fiscal_year")) {
      select.setObject(1, grantId);
      long indirect = 0;
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          int fy = rs.getInt(1);
          assertThat(balance(Accounts.grantAllocation(grantId, fy)))
              .as("allocation account FY" + fy)
              .isEqualTo(rs.getLong(2) - rs.getLong(3));
          assertThat(balance(Accounts.grantPaidCarried(grantId, fy)))
              .as("paid-carried account FY" + fy)
              .isEqualTo(rs.getLong(4) - rs.getLong(5));
          long paid =
              Db.number(
                  "SELECT coalesce(sum(amount_yen), 0) FROM disbursement WHERE grant_id = ?"
                      + " AND fiscal_year = ? AND status = 'ACCEPTED'",
                  grantId,
                  fy);
          assertThat(rs.getLong(3))
              .as("held FY" + fy)
              .isEqualTo(paid - rs.getLong(6) - rs.getLong(5) + rs.getLong(4));
          assertThat(rs.getLong(6))
              .as("refunded FY" + fy)
              .isEqualTo(
                  Db.number(
                      "SELECT coalesce(sum(amount_yen), 0) FROM refund WHERE grant_id = ? AND fiscal_year = ?",
                      grantId,
                      fy));
          indirect += rs.getLong(7);
        }
      }
      assertThat(balance(Accounts.grantIndirect(grantId)))
          .as("host-indirect account")
          .isEqualTo(indirect);
      assertThat(balance(Accounts.grantAward(grantId)))
          .as("award account")
          .isEqualTo(
              Db.number(
                  "SELECT total_cap_yen - disbursed_yen FROM grant_account WHERE grant_id = ?",
                  grantId));
      assertThat(Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId))
          .as("grant total")
          .isEqualTo(
              Db.number(
                  "SELECT coalesce(sum(disbursed_yen), 0) FROM grant_year WHERE grant_id = ?",
                  grantId));
      assertThat(balance(Accounts.grantDisbursed(grantId)))
          .as("disbursed account")
          .isEqualTo(
              Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fund's account is its total less what was drawn. */
  public static void assertFundBalanced(String pool) {
    assertThat(balance(Accounts.fundBudget(pool)))
        .as("fund account " + pool)
        .isEqualTo(
            Db.number(
                "SELECT total_yen - disbursed_yen FROM budget_fund WHERE budget_pool = ?", pool));
  }

  /** A yearly pool's account for a year is its budget less what was paid from it. */
  public static void assertPoolYearBalanced(String pool, int fiscalYear) {
    assertThat(balance(Accounts.programBudget(pool, fiscalYear)))
        .as("budget account " + pool + " FY" + fiscalYear)
        .isEqualTo(
            Db.number(
                "SELECT budget_yen - disbursed_yen FROM program_year WHERE budget_pool = ? AND fiscal_year = ?",
                pool,
                fiscalYear));
    assertThat(-balance(Accounts.appropriation(pool, fiscalYear)))
        .as("appropriation " + pool + " FY" + fiscalYear)
        .isEqualTo(
            Db.number(
                "SELECT budget_yen FROM program_year WHERE budget_pool = ? AND fiscal_year = ?",
                pool,
                fiscalYear));
  }
}
