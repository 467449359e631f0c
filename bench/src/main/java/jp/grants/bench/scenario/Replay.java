package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Latencies;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawRead;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.GrantApi;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/**
 * 2. Loading one grant with a long history: through its aggregate from the newest snapshot and the
 * events after it (GET /grants/{id}), and from its first event without snapshots (the auditors'
 * replay), beside reading the same rows with one plain JDBC query; and the snapshot load at two
 * history lengths, which should not differ.
 *
 * <p>The histories are made through the REST API: disbursement requests of one yen, each answered
 * by the ledger (DisbursementRequested, then FundsDisbursed): two events a request.
 */
public final class Replay implements Scenario {
  private static final long YEN = 1;
  private static final int MAX_ATTEMPTS = 20;

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String title() {
    return "Replay";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    Sizes sizes = bench.sizes();
    GrantApi api = bench.grants();
    UUID big = api.awardedGrant();
    UUID small = api.awardedGrant();
    long began = System.nanoTime();
    CompletableFuture<Long> smallBuilt =
        CompletableFuture.supplyAsync(() -> build(bench, small, sizes.replaySmallEvents()));
    long retries = build(bench, big, sizes.replayEvents()) + smallBuilt.join();
    awaitEvents(bench, big, sizes.replayEvents());
    awaitEvents(bench, small, sizes.replaySmallEvents());
    String busy = bench.awaitQuiet();
    if (busy != null) {
      result.note("Still busy before measuring: " + busy);
    }
    long bigEvents = api.version(big) + 1;
    long smallEvents = api.version(small) + 1;
    result.note(
        f(
            "Histories made through REST in %.0f s: %d and %d events (disbursement requests of %d yen by finance"
                + " from %d clients per grant, each answered by the ledger over Kafka); %d requests met 409"
                + " CONCURRENT-MODIFICATION (another command on the same grant committed first) and were retried.",
            (System.nanoTime() - began) / 1e9,
            bigEvents,
            smallEvents,
            YEN,
            sizes.replayBuildClients(),
            retries));
    Timings big10k = new Timings();
    Timings small1k = new Timings();
    Cpu.Sample cpu = bench.system().cpu();
    try (Connection c = bench.system().connect(Service.GRANT)) {
      RawRead raw = new RawRead(c);
      for (int i = 0; i < sizes.replayWarmup() + sizes.replayIterations(); i++) {
        boolean counted = i >= sizes.replayWarmup();
        big10k.measure(raw, api, big, bigEvents, counted);
        small1k.measure(raw, api, small, smallEvents, counted);
      }
      snapshotNote(c, big, bigEvents, result);
    }
    Runs.cpuNote(
        bench,
        result,
        "one round of the six loads (raw, with and without snapshots, at both lengths)",
        cpu,
        sizes.replayWarmup() + sizes.replayIterations());
    report(result, big10k, small1k, bigEvents, smallEvents, sizes.replayIterations());
  }

  private static void report(
      ScenarioResult result,
      Timings big,
      Timings small,
      long bigEvents,
      long smallEvents,
      int iterations) {
    result.add(
        Row.of(
            f(
                "load a grant of %,d events with snapshots (GET /grants/{id}) vs plain JDBC read of its rows",
                bigEvents),
            "ms",
            p50(big.raw),
            p50(big.snapshot),
            Goal.ratioAtMost(2),
            big.snapshot.summary(),
            big.raw.summary(),
            "p50 of " + iterations));
    result.add(
        Row.of(
            f(
                "load a grant of %,d events without snapshots (auditors' replay from event 0) vs plain JDBC read",
                bigEvents),
            "ms",
            p50(big.raw),
            p50(big.replay),
            Goal.ratioAtMost(2),
            big.replay.summary(),
            big.raw.summary(),
            "p50 of " + iterations));
    result.add(
        Row.of(
            f(
                "load with snapshots: grant of %,d events (raw column) vs %,d events (system column)",
                smallEvents, bigEvents),
            "ms",
            p50(small.snapshot),
            p50(big.snapshot),
            Goal.ratioAtMost(1.5),
            big.snapshot.summary(),
            small.snapshot.summary(),
            "constant in history length means a ratio near 1"));
    result.add(
        Row.of(
            f(
                "for scale: load a grant of %,d events with snapshots / without vs plain JDBC",
                smallEvents),
            "ms",
            p50(small.raw),
            p50(small.snapshot),
            null,
            small.snapshot.summary(),
            small.raw.summary(),
            f("without snapshots: p50 %.1f ms", p50(small.replay))));
    result.check(
        f(
            "every load answered 200 with the grant at version %d and %d",
            bigEvents - 1, smallEvents - 1));
  }

  private static double p50(Latencies latencies) {
    return latencies.percentileMillis(50);
  }

  /** Timings of the three ways to load one grant. */
  private static final class Timings {
    final Latencies raw = new Latencies();
    final Latencies snapshot = new Latencies();
    final Latencies replay = new Latencies();

    void measure(RawRead read, GrantApi api, UUID grant, long events, boolean counted)
        throws Exception {
      long t0 = System.nanoTime();
      long rows = read.read(grant);
      long t1 = System.nanoTime();
      Reply loaded = api.load(grant);
      long t2 = System.nanoTime();
      Reply replayed = api.replayed(grant, events - 1);
      long t3 = System.nanoTime();
      if (rows != events
          || loaded.status() != 200
          || replayed.status() != 200
          || !loaded.etag().map(e -> e.contains(String.valueOf(events - 1))).orElse(false)) {
        throw new IllegalStateException(
            "grant "
                + grant
                + ": "
                + rows
                + " rows, load "
                + loaded.status()
                + " "
                + loaded.etag()
                + ", replay "
                + replayed.status()
                + " (expected "
                + events
                + " events)");
      }
      if (counted) {
        raw.recordNanos(t1 - t0);
        snapshot.recordNanos(t2 - t1);
        replay.recordNanos(t3 - t2);
      }
    }
  }

  /**
   * Sends disbursement requests until the grant will have {@code events} events once the ledger
   * answered. Concurrent commands on one grant may meet a 409 CONCURRENT-MODIFICATION (the service
   * asks the client to retry): they are retried, and counted; returns the retries.
   */
  private static long build(Bench bench, UUID grant, int events) {
    int requests = Math.max(1, (events - 3 + 1) / 2);
    AtomicLong retries = new AtomicLong();
    bench.log(
        "building a history of " + events + " events: " + requests + " disbursement requests ...");
    Load.Result made =
        Load.closed(
            bench.sizes().replayBuildClients(),
            Duration.ofHours(2),
            requests,
            (client, index) -> {
              for (int attempt = 1; ; attempt++) {
                Reply reply =
                    bench.grants().requestDisbursement(grant, GrantApi.START_FISCAL_YEAR, YEN);
                if (reply.status() == 200) {
                  return Load.Outcome.OK;
                }
                if (reply.status() != 409
                    || !reply.body().contains("CONCURRENT-MODIFICATION")
                    || attempt >= MAX_ATTEMPTS) {
                  throw new IllegalStateException(
                      "disbursement request answered " + reply.status() + ": " + reply.body());
                }
                retries.incrementAndGet();
              }
            });
    Runs.requireClean(made, "disbursement requests");
    bench.log(
        f(
            "%d requests in %.0f s (%.0f/s), %d retried after CONCURRENT-MODIFICATION",
            made.ok(), made.seconds(), made.okRate(), retries.get()));
    return retries.get();
  }

  /** Waits until the ledger's answers are in: the grant has at least {@code events} events. */
  private static long awaitEvents(Bench bench, UUID grant, int events) throws InterruptedException {
    long deadline = System.nanoTime() + bench.sizes().quietTimeout().toNanos();
    long have = 0;
    while (System.nanoTime() < deadline) {
      have = bench.grants().version(grant) + 1;
      if (have >= events) {
        return have;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "grant " + grant + " has " + have + " events, not " + events + ", after the timeout");
  }

  private static void snapshotNote(Connection c, UUID grant, long events, ScenarioResult result)
      throws Exception {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT sequence_number, length(payload) FROM snapshot_event_entry WHERE aggregate_identifier = ?")) {
      select.setString(1, grant.toString());
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          result.note(
              f(
                  "The grant of %,d events has its newest snapshot at event %d (%,d bytes of JSON: the aggregate"
                      + " keeps its open disbursements and per-year sums, not every payment).",
                  events, rs.getLong(1), rs.getLong(2)));
        } else {
          result.note("The grant of " + events + " events has no snapshot.");
        }
      }
    }
    c.commit();
  }
}
