package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Latencies;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawCapUpdate;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.BenchSystem;
import jp.grants.bench.system.GrantApi;
import jp.grants.bench.system.Http.Reply;

/**
 * 4. Cap-checked disbursements through the ledger's REST API (finance, Idempotency-Key, the three
 * caps taken in one transaction, the double-entry journal, the outbox) from 32 clients, spread over
 * many grants and all on one hot grant, beside one plain conditional UPDATE per attempt with the
 * same concurrency: the rate, the CPU per operation summed over every process, and the p99. After
 * every run: no cap exceeded, and every cap's figure equal to the sum of what was accepted against
 * it. Finally a race for a nearly exhausted cap, which exactly as many attempts must win as the cap
 * allows, in the system and in the raw table alike. A 503 with Retry-After (the ledger's queue was
 * full) is sent again after the delay, with the same key and body, and counted.
 */
public final class CapDisbursements implements Scenario {
  private static final int FISCAL_YEAR = GrantApi.START_FISCAL_YEAR;
  private static final int RACE_YEAR = GrantApi.START_FISCAL_YEAR + 1;
  private static final long AMOUNT = 1_000;

  /** A trillion yen: no raw throughput run comes near it. */
  private static final long RAW_CAP = 1_000_000_000_000L;

  /**
   * The goals: rate ≥ 0.1× raw spread and hot; CPU per operation ≤ 12× raw's; p99 ≤ 100 ms.
   */
  private static final double RATIO_GOAL = 0.1;

  private static final double CPU_RATIO_GOAL = 12;
  private static final double P99_GOAL_MS = 100;

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
    List<UUID> all = new ArrayList<>(grants);
    all.add(hot);
    LedgerChecks.awaitLedgerKnows(bench, all);
    AtomicLong retried503 = new AtomicLong();
    // Warm-up, not counted: the ledger's JIT has not compiled its disbursement path yet.
    Runs.requireClean(
        Load.closed(
            clients,
            sizes.capWarmup(),
            Long.MAX_VALUE,
            (client, index) ->
                disburse(
                    bench,
                    grants.get(ThreadLocalRandom.current().nextInt(grants.size())),
                    FISCAL_YEAR,
                    retried503)),
        "warm-up disbursements");
    Runs.awaitQuiet(bench, result, "before measuring");
    // Caps far above what a run can take, as in the system's throughput runs: the race tests a
    // binding cap.
    try (RawCapUpdate raw = RawCapUpdate.open(bench.system(), clients, grants.size(), RAW_CAP)) {
      compare(bench, raw, result, grants, null, RATIO_GOAL, retried503);
      compare(bench, raw, result, grants, hot, RATIO_GOAL, retried503);
      race(bench, raw, result, hot, retried503);
    }
    result.note(
        f(
            "Each attempt pays %,d yen for FY%d (PERSONNEL) with a fresh Idempotency-Key; %d grants of the WPI"
                + " pool (one program budget row shared by all of them, as in production) for the spread run. The raw table"
                + " has one row per grant, its cap far above what a run takes (as the grants' allocations are for the ledger).",
            AMOUNT, FISCAL_YEAR, grants.size()));
    result.note(
        f(
            "Goals: ≥ %.1f× the raw UPDATE's rate spread and hot; CPU per disbursement summed over every process"
                + " ≤ %.0f× the raw UPDATE's CPU per operation (summed the same way, same run); p99 ≤ %.0f ms at %d clients.",
            RATIO_GOAL, CPU_RATIO_GOAL, P99_GOAL_MS, clients));
    result.note(
        f(
            "Answers 503 with Retry-After (the ledger's queue full; nothing written), sent again with the same key"
                + " and body after the delay asked, throughout the scenario (warm-up included): %d.",
            retried503.get()));
  }

  /**
   * Raw, system, raw on the same spread (hot == null) or on one hot grant: rate, CPU per operation,
   * p99.
   */
  private static void compare(
      Bench bench,
      RawCapUpdate raw,
      ScenarioResult result,
      List<UUID> grants,
      UUID hot,
      double ratioGoal,
      AtomicLong retried503)
      throws Exception {
    Sizes sizes = bench.sizes();
    int clients = sizes.capClients();
    String name = hot == null ? "spread over " + grants.size() + " grants" : "all on one hot grant";
    Cpu.Sample cpu = bench.system().cpu();
    Load.Result before =
        rawRun(raw, result, sizes, grants.size(), hot != null, "raw, " + name + ", before");
    Cpu.Sample rawBefore =
        Runs.cpuNote(bench, result, "raw UPDATEs " + name + ", before the system", cpu, before);
    bench.log(f("raw %s: %.0f updates/s; the ledger ...", name, before.rate()));
    long acceptedBefore = LedgerChecks.acceptedByRest(bench);
    cpu = bench.system().cpu();
    Load.Result system =
        Runs.requireClean(
            Load.closed(
                clients,
                sizes.capDuration(),
                Long.MAX_VALUE,
                (client, index) ->
                    disburse(
                        bench,
                        hot != null
                            ? hot
                            : grants.get(ThreadLocalRandom.current().nextInt(grants.size())),
                        FISCAL_YEAR,
                        retried503)),
            "disbursements");
    Cpu.Sample duringRun =
        Runs.cpuNote(
            bench,
            result,
            "disbursements via REST "
                + name
                + ", during the run (the"
                + " grant-service records each payment the ledger announces, in the background)",
            cpu,
            system);
    long accepted = LedgerChecks.acceptedByRest(bench) - acceptedBefore;
    LedgerChecks.checkLedger(bench, result, name, system.ok(), accepted);
    bench.log(f("ledger %s: %.0f disbursements/s; raw again ...", name, system.rate()));
    Runs.awaitQuiet(bench, result, "after the ledger " + name);
    // Until quiet: what the run left for later (outbox relay, the grant histories, consumers) is
    // its cost too. The
    // benchmark JVM's figure is the run's: after it, that JVM only polls Kafka and PostgreSQL to
    // see the system quiet.
    Cpu.Sample systemCpu =
        bench.system().cpu().minus(cpu).withFigureOf(BenchSystem.BENCH_JVM, duringRun);
    result.note(
        "CPU per operation (ms), disbursements via REST "
            + name
            + ", from the run's start until the system was"
            + " quiet again (what the run left for later included; bench clients: during the run): "
            + systemCpu.perOperation(system.answered()));
    cpu = bench.system().cpu();
    Load.Result after =
        rawRun(raw, result, sizes, grants.size(), hot != null, "raw, " + name + ", after");
    Cpu.Sample rawAfter =
        Runs.cpuNote(bench, result, "raw UPDATEs " + name + ", after the system", cpu, after);
    result.add(
        Row.of(
            f(
                "disbursements via REST (3 caps, journal, outbox) vs conditional UPDATE, %d clients, %s",
                clients, name),
            "ops/s",
            Runs.meanRate(before, after),
            system.rate(),
            Goal.ratioAtLeast(ratioGoal),
            system.latencies().summary(),
            Runs.merged(before, after),
            f("raw %.0f before, %.0f after", before.rate(), after.rate())));
    double rawCpuMs =
        (rawBefore.total() + rawAfter.total())
            * 1000
            / Math.max(1, before.answered() + after.answered());
    double systemCpuMs = systemCpu.total() * 1000 / Math.max(1, system.answered());
    result.add(
        Row.of(
            f(
                "CPU per operation summed over every process (services, PostgreSQL, Kafka, bench JVM):"
                    + " disbursement via REST vs raw UPDATE, %s",
                name),
            "ms CPU/op",
            rawCpuMs,
            systemCpuMs,
            Goal.ratioAtMost(CPU_RATIO_GOAL),
            null,
            null,
            "system: from the run's start until quiet again; raw: both raw runs; see the CPU notes per process"));
    Latencies.Latency rawLatency = Runs.merged(before, after);
    result.add(
        Row.of(
            f("disbursement latency p99, %d clients, %s (raw: the UPDATE's)", clients, name),
            "ms",
            rawLatency == null ? null : rawLatency.p99Ms(),
            system.latencies().percentileMillis(99),
            Goal.systemAtMost(P99_GOAL_MS, "ms"),
            system.latencies().summary(),
            rawLatency,
            null));
  }

  private static Load.Outcome disburse(
      Bench bench, UUID grant, int fiscalYear, AtomicLong retried503) throws InterruptedException {
    Reply reply = bench.ledger().disburse(grant, fiscalYear, AMOUNT, retried503);
    return switch (reply.status()) {
      case 201 -> Load.Outcome.OK;
      case 409 -> Load.Outcome.REFUSED;
      default ->
          throw new IllegalStateException(
              "disbursement answered " + reply.status() + ": " + reply.bodyStart());
    };
  }

  /**
   * A cap with room for exactly one payment per client, raced by every client several times: the
   * ledger must accept exactly that many and refuse the rest, and so must the raw table.
   */
  private static void race(
      Bench bench, RawCapUpdate raw, ScenarioResult result, UUID hot, AtomicLong retried503)
      throws Exception {
    int clients = bench.sizes().capClients();
    int attempts = clients * bench.sizes().capRaceAttempts();
    long cap = clients * AMOUNT;
    long acceptedBefore = LedgerChecks.acceptedByRest(bench);
    Load.Result system =
        Runs.requireClean(
            Load.closed(
                clients,
                Duration.ofMinutes(10),
                attempts,
                (client, index) -> disburse(bench, hot, RACE_YEAR, retried503)),
            "race disbursements");
    long yearDisbursed = LedgerChecks.grantYearDisbursed(bench, hot, RACE_YEAR);
    LedgerChecks.checkLedger(
        bench, result, "race", system.ok(), LedgerChecks.acceptedByRest(bench) - acceptedBefore);
    raw.reset(0, cap, 0);
    Load.Result rawRace =
        Runs.requireClean(raw.run(Duration.ofMinutes(10), attempts, 1, true, AMOUNT), "raw race");
    long rawSpent = raw.spent(0);
    boolean held =
        system.ok() == clients
            && yearDisbursed == cap
            && rawRace.ok() == clients
            && rawSpent == cap;
    result.check(
        f(
            "race for a cap of %,d yen (%d payments of %,d) by %d clients, %d attempts: ledger accepted %d, refused"
                + " %d, the year's disbursed = %,d; raw accepted %d, spent = %,d — %s",
            cap,
            clients,
            AMOUNT,
            clients,
            attempts,
            system.ok(),
            system.refused(),
            yearDisbursed,
            rawRace.ok(),
            rawSpent,
            held ? "cap held exactly" : "CAP NOT HELD"));
    if (!held) {
      throw new IllegalStateException("the cap race did not end at the cap: see the checks");
    }
  }

  /** A WPI grant whose second year has room for one payment of AMOUNT per client, for the race. */
  private static UUID hotGrant(Bench bench, int clients) throws InterruptedException {
    List<Long> plan = new ArrayList<>();
    for (int year = 0; year < GrantApi.YEARS; year++) {
      plan.add(
          year == RACE_YEAR - GrantApi.START_FISCAL_YEAR ? clients * AMOUNT : GrantApi.ANNUAL_YEN);
    }
    return bench.grants().awardedGrant(plan);
  }

  /**
   * A raw run, then: no row over its cap, and the total spent grew by exactly the successful
   * updates.
   */
  private static Load.Result rawRun(
      RawCapUpdate raw, ScenarioResult result, Sizes sizes, int rows, boolean hot, String run)
      throws Exception {
    long totalBefore = raw.violationsAndTotal()[1];
    Load.Result done =
        Runs.requireClean(
            raw.run(sizes.capDuration(), Long.MAX_VALUE, rows, hot, AMOUNT), "raw updates");
    long[] after = raw.violationsAndTotal();
    long grown = after[1] - totalBefore;
    result.check(
        f(
            "%s: rows over their cap %d; spent grew by %,d = %d successful updates × %,d",
            run, after[0], grown, done.ok(), AMOUNT));
    if (after[0] != 0 || grown != done.ok() * AMOUNT) {
      throw new IllegalStateException("the raw table's caps do not hold: see the checks");
    }
    return done;
  }
}
