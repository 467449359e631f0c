package jp.grants.ledger.report.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.grant.persistence.ExpenseCategoriesConverter;

/**
 * A grant's rows as reports and settlement read them, locked in the disbursement engine's order
 * (grant_account, then grant_year by (grant, year)), so that no payment, refund or carry-over of
 * the grant runs between the read and the commit.
 */
public final class GrantRows {
  private static final ExpenseCategoriesConverter CATEGORIES = new ExpenseCategoriesConverter();

  private GrantRows() {}

  /** The grant_account row. */
  public record Grant(
      UUID grantId,
      String programCode,
      String budgetPool,
      GrantStatus status,
      int startFiscalYear,
      int endFiscalYear,
      Integer lastFiscalYear,
      long totalCapYen,
      long disbursedYen,
      long indirectYen,
      Set<ExpenseCategory> awardedExpenses,
      OffsetDateTime settledAt,
      Long finalAmountYen,
      Long finalIndirectYen) {
    public boolean settled() {
      return settledAt != null;
    }
  }

  /** A grant_year row: the cap, what the year holds and the movements beside it. */
  public record Year(
      int fiscalYear,
      long allocationYen,
      long disbursedYen,
      long carriedInYen,
      long carriedOutYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long indirectYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen) {
    public long heldYen() {
      return disbursedYen;
    }

    public long indirectHeldYen() {
      return indirectYen - indirectRefundedYen;
    }
  }

  static final String GRANT_COLUMNS =
      "grant_id, program_code, budget_pool, status, start_fiscal_year, end_fiscal_year,"
          + " last_fiscal_year, total_cap_yen, disbursed_yen, indirect_yen, eligible_expenses, settled_at, final_amount_yen,"
          + " final_indirect_yen";
  static final String YEAR_COLUMNS =
      "grant_id, fiscal_year, allocation_yen, disbursed_yen, carried_in_yen, carried_out_yen,"
          + " paid_carried_in_yen, paid_carried_out_yen, indirect_yen, refunded_yen, indirect_refunded_yen, additional_charge_yen";

  public static Optional<Grant> lock(Connection c, UUID grantId) throws SQLException {
    List<Grant> found =
        grants(
            c,
            "SELECT " + GRANT_COLUMNS + " FROM grant_account WHERE grant_id = ? FOR UPDATE",
            grantId);
    return found.stream().findFirst();
  }

  /** The grants, unlocked (reading). */
  public static List<Grant> grants(Connection c, List<UUID> grantIds) throws SQLException {
    return grants(
        c,
        "SELECT "
            + GRANT_COLUMNS
            + " FROM grant_account WHERE grant_id = ANY (?) ORDER BY grant_id",
        c.createArrayOf("uuid", grantIds.toArray()));
  }

  private static List<Grant> grants(Connection c, String sql, Object parameter)
      throws SQLException {
    List<Grant> grants = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setObject(1, parameter);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          grants.add(
              new Grant(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  GrantStatus.valueOf(rs.getString(4)),
                  rs.getInt(5),
                  rs.getInt(6),
                  (Integer) rs.getObject(7),
                  rs.getLong(8),
                  rs.getLong(9),
                  rs.getLong(10),
                  CATEGORIES.convertToEntityAttribute(rs.getString(11)),
                  rs.getObject(12, OffsetDateTime.class),
                  (Long) rs.getObject(13),
                  (Long) rs.getObject(14)));
        }
      }
    }
    return grants;
  }

  /** Every year of the grant, locked, by fiscal year. */
  public static Map<Integer, Year> lockYears(Connection c, UUID grantId) throws SQLException {
    Map<Integer, Year> years = new java.util.TreeMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + YEAR_COLUMNS
                + " FROM grant_year WHERE grant_id = ? ORDER BY fiscal_year FOR UPDATE")) {
      select.setObject(1, grantId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Year y = year(rs);
          years.put(y.fiscalYear(), y);
        }
      }
    }
    return years;
  }

  /** The years of the grants, unlocked: grant → fiscal year → row. */
  public static Map<UUID, Map<Integer, Year>> years(Connection c, List<UUID> grantIds)
      throws SQLException {
    Map<UUID, Map<Integer, Year>> years = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + YEAR_COLUMNS
                + " FROM grant_year WHERE grant_id = ANY (?) ORDER BY grant_id, fiscal_year")) {
      select.setArray(1, c.createArrayOf("uuid", grantIds.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          years
              .computeIfAbsent(rs.getObject(1, UUID.class), g -> new java.util.TreeMap<>())
              .put(rs.getInt(2), year(rs));
        }
      }
    }
    return years;
  }

  private static Year year(ResultSet rs) throws SQLException {
    return new Year(
        rs.getInt(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getLong(12));
  }

  /** Gross accepted payments of the grant per fiscal year and category (the disbursement rows). */
  public static Map<Integer, Map<ExpenseCategory, Long>> grossPaid(Connection c, UUID grantId)
      throws SQLException {
    Map<Integer, Map<ExpenseCategory, Long>> paid = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT fiscal_year, expense_category, sum(amount_yen)"
                + " FROM disbursement WHERE grant_id = ? AND status = 'ACCEPTED' GROUP BY fiscal_year, expense_category")) {
      select.setObject(1, grantId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          paid.computeIfAbsent(rs.getInt(1), y -> new EnumMap<>(ExpenseCategory.class))
              .put(ExpenseCategory.valueOf(rs.getString(2)), rs.getLong(3));
        }
      }
    }
    return paid;
  }
}
