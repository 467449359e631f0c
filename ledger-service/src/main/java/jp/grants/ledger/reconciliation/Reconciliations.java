package jp.grants.ledger.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.catalog.Rules;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.reconciliation.GrantReconciliation.Difference;
import jp.grants.ledger.reconciliation.GrantReconciliation.Totals;
import jp.grants.ledger.reconciliation.GrantReconciliation.Year;
import jp.grants.ledger.report.operation.GrantRows;
import jp.grants.ledger.settlement.Settlements;

/**
 * Computes reconciliations for many grants at once, in a fixed number of queries whatever their
 * number (one per source), in one read-only snapshot (REPEATABLE READ), so the figures of one
 * answer are of one moment.
 */
@ApplicationScoped
public class Reconciliations {
  @Inject DataSource dataSource;

  /** A pair of (grant, fiscal year). */
  record Key(UUID grantId, int fiscalYear) {}

  /** Figures summed per grant-year from a source. */
  static final class Sums {
    final Map<Key, long[]> sums = new HashMap<>();

    long[] of(UUID grantId, int fiscalYear, int width) {
      return sums.getOrDefault(new Key(grantId, fiscalYear), new long[width]);
    }
  }

  public Optional<GrantReconciliation> of(UUID grantId) throws SQLException {
    return Optional.ofNullable(of(List.of(grantId)).get(grantId));
  }

  /**
   * The grants of a program (or, when {@code pool}, of every program of a budget pool) with a year
   * row for the fiscal year, by grant id.
   */
  public Map<UUID, GrantReconciliation> ofProgramYear(String code, boolean pool, int fiscalYear)
      throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT a.grant_id FROM grant_account a JOIN grant_year y"
                    + " ON y.grant_id = a.grant_id AND y.fiscal_year = ? WHERE (a.program_code = ? AND NOT ?)"
                    + " OR (a.budget_pool = ? AND ?) ORDER BY a.grant_id")) {
      select.setInt(1, fiscalYear);
      select.setString(2, code);
      select.setBoolean(3, pool);
      select.setString(4, code);
      select.setBoolean(5, pool);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return of(ids);
  }

  public Map<UUID, GrantReconciliation> of(List<UUID> grantIds) throws SQLException {
    Map<UUID, GrantReconciliation> result = new LinkedHashMap<>();
    if (grantIds.isEmpty()) {
      return result;
    }
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                try (var snapshot = c.createStatement()) {
                  snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                compute(c, grantIds, result);
              }
              return null;
            });
    return result;
  }

  private static void compute(
      Connection c, List<UUID> grantIds, Map<UUID, GrantReconciliation> result)
      throws SQLException {
    List<GrantRows.Grant> grants = GrantRows.grants(c, grantIds);
    Map<UUID, Map<Integer, GrantRows.Year>> years = GrantRows.years(c, grantIds);
    // paid, indirect paid
    Sums paid =
        sums(
            c,
            "SELECT grant_id, fiscal_year, sum(amount_yen), sum(coalesce(indirect_cost_yen, 0))"
                + " FROM disbursement WHERE grant_id = ANY (?) AND status = 'ACCEPTED' GROUP BY grant_id, fiscal_year",
            grantIds,
            2);
    // refunded, indirect refunded, additional charge
    Sums refunds =
        sums(
            c,
            "SELECT grant_id, fiscal_year, sum(amount_yen), sum(indirect_cost_yen),"
                + " sum(additional_charge_yen) FROM refund WHERE grant_id = ANY (?) GROUP BY grant_id, fiscal_year",
            grantIds,
            3);
    // carried out, paid carried out
    Sums out =
        sums(
            c,
            "SELECT grant_id, from_fiscal_year, sum(amount_yen), sum(paid_moved_yen) FROM carry_over"
                + " WHERE grant_id = ANY (?) GROUP BY grant_id, from_fiscal_year",
            grantIds,
            2);
    Sums in =
        sums(
            c,
            "SELECT grant_id, to_fiscal_year, sum(amount_yen), sum(paid_moved_yen) FROM carry_over"
                + " WHERE grant_id = ANY (?) GROUP BY grant_id, to_fiscal_year",
            grantIds,
            2);
    // the journal: what DISBURSED entries took from each year's allocation account
    Sums journalPaid =
        sums(
            c,
            "SELECT e.grant_id, e.fiscal_year, sum(l.credit_yen - l.debit_yen) FROM journal_entry e"
                + " JOIN journal_line l ON l.entry_id = e.entry_id WHERE e.grant_id = ANY (?) AND e.kind = 'DISBURSED'"
                + " AND l.account = 'grant:' || e.grant_id || ':' || e.fiscal_year || ':allocation'"
                + " GROUP BY e.grant_id, e.fiscal_year",
            grantIds,
            1);
    Map<Key, Object[]> reports = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT r.grant_id, r.fiscal_year, r.status, r.reported_yen,"
                + " (SELECT coalesce(sum(l.amount_yen), 0) FROM annual_report_line l WHERE l.report_id = r.report_id)"
                + " FROM annual_report r WHERE r.grant_id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("uuid", grantIds.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          reports.put(
              new Key(rs.getObject(1, UUID.class), rs.getInt(2)),
              new Object[] {rs.getString(3), rs.getLong(4), rs.getLong(5)});
        }
      }
    }
    Sums finals =
        sums(
            c,
            "SELECT s.grant_id, y.fiscal_year, y.amount_yen, y.indirect_yen FROM settlement s"
                + " JOIN settlement_year y ON y.settlement_id = s.settlement_id WHERE s.grant_id = ANY (?)",
            grantIds,
            2);
    Map<UUID, long[]> settlementRows = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT grant_id, final_amount_yen, final_indirect_yen"
                + " FROM settlement WHERE grant_id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("uuid", grantIds.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          settlementRows.put(
              rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    List<String> accounts = new ArrayList<>();
    for (GrantRows.Grant g : grants) {
      accounts.add(Accounts.grantDisbursed(g.grantId()));
      accounts.add(Accounts.grantAward(g.grantId()));
      accounts.add(Settlements.finalAccount(g.grantId()));
      accounts.add(Settlements.finalIndirectAccount(g.grantId()));
      for (int fy : years.getOrDefault(g.grantId(), Map.of()).keySet()) {
        accounts.add(Accounts.grantAllocation(g.grantId(), fy));
      }
    }
    Map<String, Long> balances = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT account, sum(debit_yen - credit_yen) FROM journal_line"
                + " WHERE account = ANY (?) GROUP BY account")) {
      select.setArray(1, c.createArrayOf("varchar", accounts.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          balances.put(rs.getString(1), rs.getLong(2));
        }
      }
    }

    for (GrantRows.Grant g : grants) {
      UUID id = g.grantId();
      Map<Integer, GrantRows.Year> rows = years.getOrDefault(id, Map.of());
      TreeSet<Integer> fys = new TreeSet<>(rows.keySet());
      for (Key k : paid.sums.keySet()) {
        if (k.grantId().equals(id)) {
          fys.add(k.fiscalYear());
        }
      }
      List<Year> yearFigures = new ArrayList<>();
      for (int fy : fys) {
        GrantRows.Year row =
            rows.getOrDefault(fy, new GrantRows.Year(fy, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        long[] p = paid.of(id, fy, 2);
        long[] r = refunds.of(id, fy, 3);
        long[] o = out.of(id, fy, 2);
        long[] i = in.of(id, fy, 2);
        Object[] report = reports.get(new Key(id, fy));
        Long reported = report == null ? null : (Long) report[1];
        long held = row.heldYen();
        List<Difference> diffs = new ArrayList<>();
        String fyName = "FY" + fy;
        long movements =
            p[0] - row.refundedYen() - row.paidCarriedOutYen() + row.paidCarriedInYen();
        differ(
            diffs,
            "heldYen",
            movements,
            held,
            fyName
                + ": grant_year.disbursed_yen against paid − refunded − paid"
                + " carried out + paid carried in");
        differ(
            diffs,
            "paidYen",
            p[0],
            journalPaid.of(id, fy, 1)[0],
            fyName
                + ": accepted disbursements against what the"
                + " journal's DISBURSED entries took from "
                + Accounts.grantAllocation(id, fy));
        // The journal's allocation account holds cap − held: it cannot tell which of the two rows
        // is wrong, so the
        // difference is named after held when held also disagrees with its movements, else after
        // the cap.
        String allocation = Accounts.grantAllocation(id, fy);
        long headroom = balances.getOrDefault(allocation, 0L);
        if (headroom != row.allocationYen() - held) {
          if (held == movements) {
            differ(
                diffs,
                "capYen",
                headroom + held,
                row.allocationYen(),
                fyName
                    + ": grant_year.allocation_yen against"
                    + " the journal (balance of "
                    + allocation
                    + " = cap − held, plus held)");
          } else {
            differ(
                diffs,
                "heldYen",
                row.allocationYen() - headroom,
                held,
                fyName
                    + ": grant_year.disbursed_yen against"
                    + " the journal (cap less the balance of "
                    + allocation
                    + " = cap − held)");
          }
        }
        differ(
            diffs,
            "indirectCostYen",
            p[1],
            row.indirectYen(),
            fyName
                + ": grant_year.indirect_yen against the"
                + " indirect costs of the year's disbursements");
        differ(
            diffs,
            "refundedYen",
            r[0],
            row.refundedYen(),
            fyName + ": grant_year.refunded_yen against the refunds");
        differ(
            diffs,
            "indirectRefundedYen",
            r[1],
            row.indirectRefundedYen(),
            fyName + ": grant_year.indirect_refunded_yen against the refunds");
        differ(
            diffs,
            "additionalChargeYen",
            r[2],
            row.additionalChargeYen(),
            fyName + ": grant_year.additional_charge_yen against the refunds' additional charges");
        differ(
            diffs,
            "carriedOutYen",
            o[0],
            row.carriedOutYen(),
            fyName + ": grant_year.carried_out_yen against the" + " carry-overs from the year");
        differ(
            diffs,
            "paidCarriedOutYen",
            o[1],
            row.paidCarriedOutYen(),
            fyName + ": grant_year.paid_carried_out_yen against the carry-overs from the year");
        differ(
            diffs,
            "carriedInYen",
            i[0],
            row.carriedInYen(),
            fyName + ": grant_year.carried_in_yen against the" + " carry-overs into the year");
        differ(
            diffs,
            "paidCarriedInYen",
            i[1],
            row.paidCarriedInYen(),
            fyName + ": grant_year.paid_carried_in_yen against the carry-overs into the year");
        if (report != null) {
          differ(
              diffs,
              "reportedYen",
              (Long) report[2],
              reported,
              fyName + ": the report's sum against its lines");
          if ("ACCEPTED".equals(report[0]) && held < reported) {
            diffs.add(
                new Difference(
                    "heldYen",
                    reported,
                    held,
                    fyName
                        + ": the year holds less than its accepted report"
                        + " spent ("
                        + Rules.yen(reported - held)
                        + " yen left the year after the report)"));
          }
        }
        Long finalYen = null;
        if (g.settled()) {
          long[] f = finals.of(id, fy, 2);
          finalYen = f[0];
          differ(
              diffs,
              "finalYen",
              held,
              f[0],
              fyName + ": the settled amount of the year against what it holds now");
        }
        yearFigures.add(
            new Year(
                fy,
                row.allocationYen() - row.carriedInYen() + row.carriedOutYen(),
                row.carriedInYen(),
                row.carriedOutYen(),
                row.allocationYen(),
                p[0],
                row.indirectYen(),
                row.refundedYen(),
                row.indirectRefundedYen(),
                row.additionalChargeYen(),
                row.paidCarriedInYen(),
                row.paidCarriedOutYen(),
                held,
                reported,
                report == null ? null : (String) report[0],
                held - (reported == null ? 0 : reported),
                finalYen,
                List.copyOf(diffs)));
      }

      List<Difference> grantDiffs = new ArrayList<>();
      long heldSum = yearFigures.stream().mapToLong(Year::heldYen).sum();
      differ(
          grantDiffs,
          "heldYen",
          heldSum,
          g.disbursedYen(),
          "grant_account.disbursed_yen against the years' held sum");
      differ(
          grantDiffs,
          "heldYen",
          heldSum,
          balances.getOrDefault(Accounts.grantDisbursed(id), 0L),
          "the journal's balance of "
              + Accounts.grantDisbursed(id)
              + " against the years' held sum");
      differ(
          grantDiffs,
          "totalCapYen",
          g.totalCapYen(),
          balances.getOrDefault(Accounts.grantAward(id), 0L) + g.disbursedYen(),
          "grant_account.total_cap_yen against the journal (balance of "
              + Accounts.grantAward(id)
              + " = total cap − disbursed, plus disbursed)");
      long[] settlement = settlementRows.get(id);
      if (g.settled()) {
        long indirectSum =
            yearFigures.stream()
                .mapToLong(y -> y.indirectCostYen() - y.indirectRefundedYen())
                .sum();
        differ(
            grantDiffs,
            "finalAmountYen",
            heldSum,
            g.finalAmountYen(),
            "grant_account.final_amount_yen against" + " the years' held sum");
        differ(
            grantDiffs,
            "finalIndirectCostYen",
            indirectSum,
            g.finalIndirectYen(),
            "grant_account.final_indirect_yen"
                + " against the years' indirect costs less indirect refunds");
        if (settlement == null) {
          grantDiffs.add(
              new Difference(
                  "finalAmountYen",
                  g.finalAmountYen(),
                  0,
                  "grant_account is settled but there" + " is no settlement row"));
        } else {
          differ(
              grantDiffs,
              "finalAmountYen",
              g.finalAmountYen(),
              settlement[0],
              "the settlement row against" + " grant_account.final_amount_yen");
          differ(
              grantDiffs,
              "finalAmountYen",
              settlement[0],
              balances.getOrDefault(Settlements.finalAccount(id), 0L),
              "the journal's balance of "
                  + Settlements.finalAccount(id)
                  + " against the settlement");
          differ(
              grantDiffs,
              "finalIndirectCostYen",
              settlement[1],
              balances.getOrDefault(Settlements.finalIndirectAccount(id), 0L),
              "the journal's balance of "
                  + Settlements.finalIndirectAccount(id)
                  + " against the settlement");
        }
      }
      List<Year> reportedYears = yearFigures.stream().filter(y -> y.reportedYen() != null).toList();
      Totals totals =
          new Totals(
              yearFigures.stream().mapToLong(Year::allocatedYen).sum(),
              yearFigures.stream().mapToLong(Year::carriedInYen).sum(),
              yearFigures.stream().mapToLong(Year::carriedOutYen).sum(),
              yearFigures.stream().mapToLong(Year::capYen).sum(),
              yearFigures.stream().mapToLong(Year::paidYen).sum(),
              yearFigures.stream().mapToLong(Year::indirectCostYen).sum(),
              yearFigures.stream().mapToLong(Year::refundedYen).sum(),
              yearFigures.stream().mapToLong(Year::indirectRefundedYen).sum(),
              yearFigures.stream().mapToLong(Year::additionalChargeYen).sum(),
              yearFigures.stream().mapToLong(Year::paidCarriedInYen).sum(),
              yearFigures.stream().mapToLong(Year::paidCarriedOutYen).sum(),
              heldSum,
              reportedYears.isEmpty()
                  ? null
                  : reportedYears.stream().mapToLong(Year::reportedYen).sum(),
              yearFigures.stream().mapToLong(Year::unspentYen).sum(),
              g.settled()
                  ? yearFigures.stream()
                      .mapToLong(y -> y.finalYen() == null ? 0 : y.finalYen())
                      .sum()
                  : null,
              List.copyOf(grantDiffs));
      result.put(
          id,
          new GrantReconciliation(
              id,
              g.programCode(),
              g.budgetPool(),
              g.status().name(),
              g.settled(),
              g.finalAmountYen(),
              g.finalIndirectYen(),
              List.copyOf(yearFigures),
              totals));
    }
  }

  private static void differ(
      List<Difference> diffs, String figure, long expected, long actual, String explanation) {
    if (expected != actual) {
      diffs.add(
          new Difference(
              figure,
              expected,
              actual,
              explanation
                  + ": expected "
                  + Rules.yen(expected)
                  + " yen, found "
                  + Rules.yen(actual)
                  + " yen"));
    }
  }

  private static Sums sums(Connection c, String sql, List<UUID> grantIds, int width)
      throws SQLException {
    Sums sums = new Sums();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setArray(1, c.createArrayOf("uuid", grantIds.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long[] values = new long[width];
          for (int k = 0; k < width; k++) {
            values[k] = rs.getLong(3 + k);
          }
          Key key = new Key(rs.getObject(1, UUID.class), rs.getInt(2));
          long[] earlier = sums.sums.get(key);
          if (earlier != null) {
            for (int k = 0; k < width; k++) {
              values[k] += earlier[k];
            }
          }
          sums.sums.put(key, values);
        }
      }
    }
    return sums;
  }
}
