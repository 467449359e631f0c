package jp.grants.ledger.disbursement.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import jp.grants.contracts.CapLevel;
import org.hibernate.Session;

/**
 * Takes an amount from the three caps of a disbursement in the caller's transaction, or from
 * none. Each cap is taken by one conditional UPDATE that adds the amount only while the sum stays
 * within the cap: PostgreSQL locks the row and, under READ COMMITTED, evaluates the condition again
 * on the newest committed version when it had to wait for a concurrent writer, so no interleaving
 * of transactions can push a cap over by a single yen. The rows are taken in one fixed order
 * (grant total, grant year, program year), so concurrent disbursements cannot deadlock each other.
 * When a cap refuses, the caps taken before it in this transaction are given back at once (the
 * rows are still locked by it, so nobody saw the intermediate figures), and the refusal names the
 * cap and what was left under it.
 */
@ApplicationScoped
public class CapLedger {
  /** Written as {@code disbursed <= cap - amount} so that no amount can overflow the sum. */
  public static final String TAKE_GRANT_TOTAL =
      "UPDATE grant_account SET disbursed_yen = disbursed_yen + ?"
          + " WHERE grant_id = ? AND disbursed_yen <= total_cap_yen - ?"
          + " AND status <> 'CLOSED' AND (last_fiscal_year IS NULL OR last_fiscal_year >= ?)"
          + " RETURNING total_cap_yen - disbursed_yen";
  public static final String TAKE_GRANT_YEAR =
      "UPDATE grant_year SET disbursed_yen = disbursed_yen + ?"
          + " WHERE grant_id = ? AND fiscal_year = ? AND disbursed_yen <= allocation_yen - ?"
          + " RETURNING allocation_yen - disbursed_yen";
  public static final String TAKE_PROGRAM_YEAR =
      "UPDATE program_year SET disbursed_yen = disbursed_yen + ?"
          + " WHERE budget_pool = ? AND fiscal_year = ? AND disbursed_yen <= budget_yen - ?"
          + " RETURNING budget_yen - disbursed_yen";

  private static final String GIVE_BACK_GRANT_TOTAL =
      "UPDATE grant_account SET disbursed_yen = disbursed_yen - ? WHERE grant_id = ?";
  private static final String GIVE_BACK_GRANT_YEAR =
      "UPDATE grant_year SET disbursed_yen = disbursed_yen - ? WHERE grant_id = ? AND fiscal_year = ?";
  private static final String GRANT_STATE =
      "SELECT status <> 'CLOSED' AND (last_fiscal_year IS NULL OR last_fiscal_year >= ?),"
          + " total_cap_yen - disbursed_yen FROM grant_account WHERE grant_id = ?";
  private static final String GRANT_YEAR_HEADROOM =
      "SELECT allocation_yen - disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?";
  private static final String PROGRAM_YEAR_HEADROOM =
      "SELECT budget_yen - disbursed_yen FROM program_year WHERE budget_pool = ? AND fiscal_year = ?";

  /** What came of an attempt. */
  public sealed interface Result {}

  /** The amount was taken from all three caps; what is left under each. */
  public record Taken(long grantTotalHeadroomYen, long grantYearHeadroomYen, long programYearHeadroomYen)
      implements Result {}

  /**
   * Nothing was taken.
   *
   * @param level the first cap that refused, or null when the grant no longer takes money
   * @param budgetMissing the pool has no budget at all for the year
   */
  public record Refused(CapLevel level, long headroomYen, boolean budgetMissing) implements Result {}

  @Inject EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public Result take(UUID grantId, String pool, int fiscalYear, long amountYen) {
    return em.unwrap(Session.class).doReturningWork(c -> take(c, grantId, pool, fiscalYear, amountYen));
  }

  static Result take(Connection c, UUID grantId, String pool, int fiscalYear, long amountYen) throws SQLException {
    Long total = takeGrantTotal(c, grantId, fiscalYear, amountYen);
    if (total == null) {
      return refusedByGrant(c, grantId, fiscalYear);
    }
    Long year = returning(c, TAKE_GRANT_YEAR, amountYen, grantId, fiscalYear, amountYen);
    if (year == null) {
      update(c, GIVE_BACK_GRANT_TOTAL, amountYen, grantId);
      Long headroom = returning(c, GRANT_YEAR_HEADROOM, grantId, fiscalYear);
      return new Refused(CapLevel.GRANT_FISCAL_YEAR, positive(headroom), false);
    }
    Long program = returning(c, TAKE_PROGRAM_YEAR, amountYen, pool, fiscalYear, amountYen);
    if (program == null) {
      update(c, GIVE_BACK_GRANT_YEAR, amountYen, grantId, fiscalYear);
      update(c, GIVE_BACK_GRANT_TOTAL, amountYen, grantId);
      Long headroom = returning(c, PROGRAM_YEAR_HEADROOM, pool, fiscalYear);
      return new Refused(CapLevel.PROGRAM_FISCAL_YEAR, positive(headroom), headroom == null);
    }
    return new Taken(total, year, program);
  }

  private static Long takeGrantTotal(Connection c, UUID grantId, int fiscalYear, long amountYen) throws SQLException {
    return returning(c, TAKE_GRANT_TOTAL, amountYen, grantId, amountYen, fiscalYear);
  }

  private static Refused refusedByGrant(Connection c, UUID grantId, int fiscalYear) throws SQLException {
    try (PreparedStatement select = prepare(c, GRANT_STATE, fiscalYear, grantId);
        ResultSet rs = select.executeQuery()) {
      if (!rs.next() || !rs.getBoolean(1)) {
        return new Refused(null, 0, false);
      }
      return new Refused(CapLevel.GRANT_TOTAL, Math.max(0, rs.getLong(2)), false);
    }
  }

  /** The single value the statement returns, or null when it touched or found no row. */
  private static Long returning(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static void update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters)) {
      if (statement.executeUpdate() != 1) {
        throw new IllegalStateException("could not give back a cap taken in this transaction: " + sql);
      }
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static long positive(Long headroom) {
    return headroom == null ? 0 : Math.max(0, headroom);
  }
}
