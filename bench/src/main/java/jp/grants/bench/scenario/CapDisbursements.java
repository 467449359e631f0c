package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawCapUpdate;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.GrantApi;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/**
 * 4. Cap-checked disbursements through the ledger's REST API (finance, Idempotency-Key, the three
 * caps taken in one transaction, the double-entry journal, the outbox) from 32 clients, spread over
 * many grants and all on one hot grant, beside one plain conditional UPDATE per attempt with the
 * same concurrency. After every run: no cap exceeded, and every cap's figure equal to the sum of
 * what was accepted against it. Finally a race for a nearly exhausted cap, which exactly as many
 * attempts must win as the cap allows, in the system and in the raw table alike.
 */
public final class CapDisbursements implements Scenario {
  private static final int FISCAL_YEAR = GrantApi.START_FISCAL_YEAR;
  private static final int RACE_YEAR = GrantApi.START_FISCAL_YEAR + 1;
  private static final long AMOUNT = 1_000;
  /** A trillion yen: no raw throughput run comes near it. */
  private static final long RAW_CAP = 1_000_000_000_000L;

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String title() {
    return "Cap-checked disbursements";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    Sizes sizes = bench.sizes();
    int clients = sizes.capClients();
    List<UUID> grants = bench.fixture().awardedGrants(sizes.capGrants());
    UUID hot = hotGrant(bench, clients);
    awaitLedgerKnows(bench, grants, hot);
    // Warm-up, not counted: the ledger's JIT has not compiled its disbursement path yet.
    Runs.requireClean(Load.closed(clients, sizes.capWarmup(), Long.MAX_VALUE, (client, index) -> disburse(bench,
        grants.get(ThreadLocalRandom.current().nextInt(grants.size())), FISCAL_YEAR)), "warm-up disbursements");
    Runs.awaitQuiet(bench, result, "before measuring");
    // Caps far above what a run can take, as in the system's throughput runs: the race tests a binding cap.
    try (RawCapUpdate raw = RawCapUpdate.open(bench.system(), clients, grants.size(), RAW_CAP)) {
      compare(bench, raw, result, grants, null, Goal.ratioAtLeast(0.7));
      compare(bench, raw, result, grants, hot, Goal.ratioAtLeast(0.85));
      race(bench, raw, result, hot);
    }
    result.note(f("Each attempt pays %,d yen for FY%d (PERSONNEL) with a fresh Idempotency-Key; %d grants of the WPI"
        + " pool (one program budget row shared by all of them, as in production) for the spread run. The raw table"
        + " has one row per grant, its cap far above what a run takes (as the grants' allocations are for the ledger).", AMOUNT, FISCAL_YEAR, grants.size()));
  }

  /** Raw, system, raw on the same spread (hot == null) or on one hot grant. */
  private static void compare(Bench bench, RawCapUpdate raw, ScenarioResult result, List<UUID> grants, UUID hot,
      Goal goal) throws Exception {
    Sizes sizes = bench.sizes();
    String name = hot == null ? "spread over " + grants.size() + " grants" : "all on one hot grant";
    Cpu.Sample cpu = bench.system().cpu();
    Load.Result before = rawRun(raw, result, sizes, grants.size(), hot != null, "raw, " + name + ", before");
    Runs.cpuNote(bench, result, "raw UPDATEs " + name, cpu, before.answered());
    bench.log(f("raw %s: %.0f updates/s; the ledger ...", name, before.rate()));
    long acceptedBefore = acceptedByRest(bench);
    cpu = bench.system().cpu();
    Load.Result system = Runs.requireClean(Load.closed(sizes.capClients(), sizes.capDuration(), Long.MAX_VALUE,
        (client, index) -> disburse(bench, hot != null ? hot : grants.get(ThreadLocalRandom.current().nextInt(grants.size())),
            FISCAL_YEAR)), "disbursements");
    Runs.cpuNote(bench, result, "disbursements via REST " + name + " (the grant-service records each payment the ledger"
        + " announces, in the background)", cpu, system.answered());
    long accepted = acceptedByRest(bench) - acceptedBefore;
    checkLedger(bench, result, name, system.ok(), accepted);
    bench.log(f("ledger %s: %.0f disbursements/s; raw again ...", name, system.rate()));
    Runs.awaitQuiet(bench, result, "after the ledger " + name);
    Load.Result after = rawRun(raw, result, sizes, grants.size(), hot != null, "raw, " + name + ", after");
    result.add(Row.of(f("disbursements via REST (3 caps, journal, outbox) vs conditional UPDATE, %d clients, %s",
            sizes.capClients(), name), "ops/s", Runs.meanRate(before, after), system.rate(), goal,
        system.latencies().summary(), Runs.merged(before, after),
        f("raw %.0f before, %.0f after", before.rate(), after.rate())));
  }

  private static Load.Outcome disburse(Bench bench, UUID grant, int fiscalYear) throws InterruptedException {
    Reply reply = bench.ledger().disburse(grant, fiscalYear, AMOUNT);
    return switch (reply.status()) {
      case 201 -> Load.Outcome.OK;
      case 409 -> Load.Outcome.REFUSED;
      default -> throw new IllegalStateException("disbursement answered " + reply.status() + ": " + reply.body());
    };
  }

  /**
   * A cap with room for exactly one payment per client, raced by every client several times: the
   * ledger must accept exactly that many and refuse the rest, and so must the raw table.
   */
  private static void race(Bench bench, RawCapUpdate raw, ScenarioResult result, UUID hot) throws Exception {
    int clients = bench.sizes().capClients();
    int attempts = clients * bench.sizes().capRaceAttempts();
    long cap = clients * AMOUNT;
    long acceptedBefore = acceptedByRest(bench);
    Load.Result system = Runs.requireClean(Load.closed(clients, Duration.ofMinutes(10), attempts,
        (client, index) -> disburse(bench, hot, RACE_YEAR)), "race disbursements");
    long yearDisbursed = grantYearDisbursed(bench, hot, RACE_YEAR);
    checkLedger(bench, result, "race", system.ok(), acceptedByRest(bench) - acceptedBefore);
    raw.reset(0, cap, 0);
    Load.Result rawRace = Runs.requireClean(raw.run(Duration.ofMinutes(10), attempts, 1, true, AMOUNT), "raw race");
    long rawSpent = raw.spent(0);
    boolean held = system.ok() == clients && yearDisbursed == cap && rawRace.ok() == clients && rawSpent == cap;
    result.check(f("race for a cap of %,d yen (%d payments of %,d) by %d clients, %d attempts: ledger accepted %d, refused"
            + " %d, the year's disbursed = %,d; raw accepted %d, spent = %,d — %s", cap, clients, AMOUNT, clients, attempts,
        system.ok(), system.refused(), yearDisbursed, rawRace.ok(), rawSpent, held ? "cap held exactly" : "CAP NOT HELD"));
    if (!held) {
      throw new IllegalStateException("the cap race did not end at the cap: see the checks");
    }
  }

  /** A WPI grant whose second year has room for one payment of AMOUNT per client, for the race. */
  private static UUID hotGrant(Bench bench, int clients) throws InterruptedException {
    List<Long> plan = new ArrayList<>();
    for (int year = 0; year < GrantApi.YEARS; year++) {
      plan.add(year == RACE_YEAR - GrantApi.START_FISCAL_YEAR ? clients * AMOUNT : GrantApi.ANNUAL_YEN);
    }
    return bench.grants().awardedGrant(plan);
  }

  private static void awaitLedgerKnows(Bench bench, List<UUID> grants, UUID hot) throws Exception {
    List<UUID> all = new ArrayList<>(grants);
    all.add(hot);
    long deadline = System.nanoTime() + bench.sizes().quietTimeout().toNanos();
    try (Connection c = bench.system().connect(Service.LEDGER);
        PreparedStatement count = c.prepareStatement("SELECT count(*) FROM grant_account WHERE grant_id = ANY (?)")) {
      count.setArray(1, c.createArrayOf("uuid", all.toArray()));
      while (true) {
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == all.size()) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the ledger knows " + rs.getLong(1) + " of " + all.size() + " grants");
          }
        }
        Thread.sleep(500);
      }
    }
  }

  private static long acceptedByRest(Bench bench) throws Exception {
    try (Connection c = bench.system().connect(Service.LEDGER); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM disbursement WHERE channel = 'REST' AND status = 'ACCEPTED'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long grantYearDisbursed(Bench bench, UUID grant, int fiscalYear) throws Exception {
    try (Connection c = bench.system().connect(Service.LEDGER);
        PreparedStatement s = c.prepareStatement("SELECT disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?")) {
      s.setObject(1, grant);
      s.setInt(2, fiscalYear);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * No cap exceeded at any of the three levels, every cap's disbursed figure equal to the sum of the
   * accepted disbursements against it, and as many accepted rows as 201 answers.
   */
  private static void checkLedger(Bench bench, ScenarioResult result, String run, long created, long accepted)
      throws Exception {
    String sql = "SELECT"
        + " (SELECT count(*) FROM grant_account WHERE disbursed_yen > total_cap_yen),"
        + " (SELECT count(*) FROM grant_year WHERE disbursed_yen > allocation_yen),"
        + " (SELECT count(*) FROM program_year WHERE disbursed_yen > budget_yen),"
        + " (SELECT count(*) FROM grant_account a LEFT JOIN (SELECT grant_id, sum(amount_yen) s FROM disbursement"
        + "   WHERE status = 'ACCEPTED' GROUP BY grant_id) d USING (grant_id) WHERE a.disbursed_yen <> coalesce(d.s, 0)),"
        + " (SELECT count(*) FROM grant_year y LEFT JOIN (SELECT grant_id, fiscal_year, sum(amount_yen) s FROM disbursement"
        + "   WHERE status = 'ACCEPTED' GROUP BY grant_id, fiscal_year) d USING (grant_id, fiscal_year)"
        + "   WHERE y.disbursed_yen <> coalesce(d.s, 0)),"
        + " (SELECT count(*) FROM program_year p LEFT JOIN (SELECT budget_pool, fiscal_year, sum(amount_yen) s FROM"
        + "   disbursement WHERE status = 'ACCEPTED' GROUP BY budget_pool, fiscal_year) d USING (budget_pool, fiscal_year)"
        + "   WHERE p.disbursed_yen <> coalesce(d.s, 0))";
    try (Connection c = bench.system().connect(Service.LEDGER); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long violations = rs.getLong(1) + rs.getLong(2) + rs.getLong(3);
      long mismatches = rs.getLong(4) + rs.getLong(5) + rs.getLong(6);
      result.check(f("ledger after the %s run: cap violations %d (grant total %d, grant year %d, program year %d);"
              + " caps not equal to their accepted disbursements %d; 201 answers %d, accepted rows %d", run, violations,
          rs.getLong(1), rs.getLong(2), rs.getLong(3), mismatches, created, accepted));
      if (violations != 0 || mismatches != 0 || created != accepted) {
        throw new IllegalStateException("the ledger's caps do not hold after the " + run + " run: see the checks");
      }
    }
  }

  /** A raw run, then: no row over its cap, and the total spent grew by exactly the successful updates. */
  private static Load.Result rawRun(RawCapUpdate raw, ScenarioResult result, Sizes sizes, int rows, boolean hot, String run)
      throws Exception {
    long totalBefore = raw.violationsAndTotal()[1];
    Load.Result done = Runs.requireClean(raw.run(sizes.capDuration(), Long.MAX_VALUE, rows, hot, AMOUNT), "raw updates");
    long[] after = raw.violationsAndTotal();
    long grown = after[1] - totalBefore;
    result.check(f("%s: rows over their cap %d; spent grew by %,d = %d successful updates × %,d", run, after[0], grown,
        done.ok(), AMOUNT));
    if (after[0] != 0 || grown != done.ok() * AMOUNT) {
      throw new IllegalStateException("the raw table's caps do not hold: see the checks");
    }
    return done;
  }
}
