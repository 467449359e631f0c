package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawBatchInsert;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.EventClones;
import jp.grants.launcher.Service;

/**
 * 5. The grant read model rebuilt from the whole event store (the admin API: the processor's tokens
 * reset, the tables emptied, every event replayed), timed until every segment has caught up with
 * the store's head, beside batched INSERTs of as many rows into a copy of the read model's table.
 * The store holds what the earlier scenarios appended, topped up to the size asked with copies of
 * grant histories ({@link EventClones}) where they fell short.
 */
public final class ReadModelCatchUp implements Scenario {
  private static final long POLL_MILLIS = 100;

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String title() {
    return "Read model catch-up";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    Sizes sizes = bench.sizes();
    long[] store = store(bench);
    if (store[0] < sizes.readModelEvents()) {
      topUp(bench, result, sizes.readModelEvents() - store[0]);
      String busy = bench.awaitQuiet();
      if (busy != null) {
        result.note("Still busy before measuring: " + busy);
      }
      store = store(bench);
    }
    long events = store[0];
    long head = store[1];
    bench.log(f("raw: batched INSERTs of %,d rows ...", events));
    Cpu.Sample cpu = bench.system().cpu();
    Load.Result before =
        Runs.requireClean(
            RawBatchInsert.run(
                bench.system(), events, sizes.readModelRawThreads(), sizes.readModelBatch()),
            "raw batched inserts");
    Runs.cpuNote(bench, result, "raw batched INSERTs (per row)", cpu, events);
    bench.log(
        f(
            "raw: %.0f rows/s; rebuilding the read model over %,d events ...",
            before.okRate(), events));
    cpu = bench.system().cpu();
    double seconds = rebuild(bench, head);
    Runs.cpuNote(bench, result, "read model rebuild (per event)", cpu, events);
    bench.log(f("read model: %.0f events/s; raw again ...", events / seconds));
    Load.Result after =
        Runs.requireClean(
            RawBatchInsert.run(
                bench.system(), events, sizes.readModelRawThreads(), sizes.readModelBatch()),
            "raw batched inserts");
    result.add(
        Row.of(
            f(
                "grant read model catch-up (rebuild) over %,d events vs batched INSERTs of %,d rows (%d threads,"
                    + " %d rows a transaction)",
                events, events, sizes.readModelRawThreads(), sizes.readModelBatch()),
            "rows/s",
            (before.okRate() + after.okRate()) / 2,
            events / seconds,
            null,
            null,
            Runs.merged(before, after),
            f(
                "raw %.0f before, %.0f after; raw latency is per batch",
                before.okRate(), after.okRate())));
    checkReadModel(bench, result);
  }

  /** Events in the store and its head (the newest global index). */
  private static long[] store(Bench bench) throws Exception {
    try (Connection c = bench.system().connect(Service.GRANT);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), coalesce(max(global_index), -1) FROM domain_event_entry")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static void topUp(Bench bench, ScenarioResult result, long missing) throws Exception {
    List<UUID> sources =
        bench.fixture().awardedGrants(Math.max(1, Math.min(bench.fixture().awardedCount(), 2000)));
    try (Connection c = bench.system().connect(Service.GRANT)) {
      EventClones.Plan plan = EventClones.plan(c, sources, missing);
      EventClones.Cloned cloned = EventClones.insert(c, plan);
      result.note(
          f(
              "The earlier scenarios left %,d events short of %,d: %,d events were added as copies of %,d grant"
                  + " histories (SQL, in %.1f s), published and consumed by the other services before the measurement.",
              missing,
              bench.sizes().readModelEvents(),
              cloned.events(),
              cloned.grantIds().size(),
              cloned.seconds()));
    }
  }

  /**
   * Rebuilds the read model and returns the seconds until every segment is at the head and
   * replaying no more.
   */
  private static double rebuild(Bench bench, long head) throws Exception {
    long began = System.nanoTime();
    bench.grants().rebuildReadModel();
    long deadline = began + bench.sizes().quietTimeout().toNanos();
    while (!caughtUp(bench.grants().readModelStatus(), head)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the read model did not catch up in " + bench.sizes().quietTimeout());
      }
      Thread.sleep(POLL_MILLIS);
    }
    return (System.nanoTime() - began) / 1e9;
  }

  /**
   * Every segment has caught up and stands at the head. (A segment's "replaying" flag stays up
   * after a rebuild until an event newer than the reset arrives: Axon's ReplayToken. Its position
   * tells.)
   */
  private static boolean caughtUp(JsonNode status, long head) {
    if (!status.get("running").asBoolean() || status.get("segments").isEmpty()) {
      return false;
    }
    for (JsonNode segment : status.get("segments")) {
      if (!segment.get("caughtUp").asBoolean()
          || segment.get("position").isNull()
          || segment.get("position").asLong() < head) {
        return false;
      }
    }
    return true;
  }

  /** The rebuilt read model has one summary per grant in the store. */
  private static void checkReadModel(Bench bench, ScenarioResult result) throws Exception {
    try (Connection c = bench.system().connect(Service.GRANT);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM grant_summary),"
                    + " (SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry)")) {
      rs.next();
      result.check(
          f(
              "after the rebuild the read model has %,d grant summaries for %,d grants in the event store",
              rs.getLong(1), rs.getLong(2)));
      if (rs.getLong(1) != rs.getLong(2)) {
        throw new IllegalStateException("the rebuilt read model does not match the event store");
      }
    }
  }
}
