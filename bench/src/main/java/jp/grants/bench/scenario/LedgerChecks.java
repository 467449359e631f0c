package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.UUID;
import jp.grants.bench.Bench;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.launcher.Service;

/**
 * What the disbursement scenarios read from the ledger's tables, beside what its REST answers said.
 */
final class LedgerChecks {
  private LedgerChecks() {}

  /**
   * Waits until the ledger has an account for every grant (their GrantAwarded events reached it).
   */
  static void awaitLedgerKnows(Bench bench, Collection<UUID> grants) throws Exception {
    long deadline = System.nanoTime() + bench.sizes().quietTimeout().toNanos();
    try (Connection c = bench.system().connect(Service.LEDGER);
        PreparedStatement count =
            c.prepareStatement("SELECT count(*) FROM grant_account WHERE grant_id = ANY (?)")) {
      count.setArray(1, c.createArrayOf("uuid", grants.toArray()));
      while (true) {
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == grants.size()) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the ledger knows " + rs.getLong(1) + " of " + grants.size() + " grants");
          }
        }
        Thread.sleep(500);
      }
    }
  }

  /** Accepted REST disbursements, all grants. */
  static long acceptedByRest(Bench bench) throws Exception {
    try (Connection c = bench.system().connect(Service.LEDGER);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM disbursement WHERE channel = 'REST' AND status = 'ACCEPTED'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The grant's accepted disbursements (either channel) for the year: count and yen. */
  static long[] accepted(Bench bench, UUID grant, int fiscalYear) throws Exception {
    try (Connection c = bench.system().connect(Service.LEDGER);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*), coalesce(sum(amount_yen), 0) FROM disbursement"
                    + " WHERE grant_id = ? AND fiscal_year = ? AND status = 'ACCEPTED'")) {
      s.setObject(1, grant);
      s.setInt(2, fiscalYear);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /** The grant-year's disbursed figure (its GRANT_FISCAL_YEAR cap row). */
  static long grantYearDisbursed(Bench bench, UUID grant, int fiscalYear) throws Exception {
    try (Connection c = bench.system().connect(Service.LEDGER);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?")) {
      s.setObject(1, grant);
      s.setInt(2, fiscalYear);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * No cap exceeded at any of the three levels (a pool's year or a fund), every cap's disbursed
   * figure equal to the sum of the accepted disbursements against it (a pool's with their indirect
   * costs), and as many accepted rows as 201 answers.
   */
  static void checkLedger(
      Bench bench, ScenarioResult result, String run, long created, long accepted)
      throws Exception {
    String sql =
        "SELECT"
            + " (SELECT count(*) FROM grant_account WHERE disbursed_yen > total_cap_yen),"
            + " (SELECT count(*) FROM grant_year WHERE disbursed_yen > allocation_yen),"
            + " (SELECT count(*) FROM program_year WHERE disbursed_yen > budget_yen)"
            + "  + (SELECT count(*) FROM budget_fund WHERE disbursed_yen > total_yen),"
            + " (SELECT count(*) FROM grant_account a LEFT JOIN (SELECT grant_id, sum(amount_yen) s FROM disbursement"
            + "   WHERE status = 'ACCEPTED' GROUP BY grant_id) d USING (grant_id) WHERE a.disbursed_yen <> coalesce(d.s, 0)),"
            + " (SELECT count(*) FROM grant_year y LEFT JOIN (SELECT grant_id, fiscal_year, sum(amount_yen) s FROM disbursement"
            + "   WHERE status = 'ACCEPTED' GROUP BY grant_id, fiscal_year) d USING (grant_id, fiscal_year)"
            + "   WHERE y.disbursed_yen <> coalesce(d.s, 0)),"
            // the pool pays the indirect costs on top of the direct amount (the grant's caps take
            // the direct amount)
            + " (SELECT count(*) FROM program_year p LEFT JOIN (SELECT budget_pool, fiscal_year,"
            + "   sum(amount_yen + coalesce(indirect_cost_yen, 0)) s FROM"
            + "   disbursement WHERE status = 'ACCEPTED' GROUP BY budget_pool, fiscal_year) d USING (budget_pool, fiscal_year)"
            + "   WHERE p.disbursed_yen <> coalesce(d.s, 0))";
    try (Connection c = bench.system().connect(Service.LEDGER);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long violations = rs.getLong(1) + rs.getLong(2) + rs.getLong(3);
      long mismatches = rs.getLong(4) + rs.getLong(5) + rs.getLong(6);
      result.check(
          f(
              "ledger after the %s run: cap violations %d (grant total %d, grant year %d, program year %d);"
                  + " caps not equal to their accepted disbursements %d; 201 answers %d, accepted rows %d",
              run,
              violations,
              rs.getLong(1),
              rs.getLong(2),
              rs.getLong(3),
              mismatches,
              created,
              accepted));
      if (violations != 0 || mismatches != 0 || created != accepted) {
        throw new IllegalStateException(
            "the ledger's caps do not hold after the " + run + " run: see the checks");
      }
    }
  }
}
