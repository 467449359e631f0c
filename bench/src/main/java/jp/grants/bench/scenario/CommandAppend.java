package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawAppend;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.Fixture;
import jp.grants.bench.system.Http.Reply;

/**
 * 1. Annual follow-ups on awarded WPI grants through the REST API into the event store (each one
 * command, one event, one transaction), from 16 clients, beside single-row INSERT transactions of
 * the same row size into a table like the event store's, from 16 JDBC clients on the same database.
 */
public final class CommandAppend implements Scenario {
  @Override
  public int number() {
    return 1;
  }

  @Override
  public String title() {
    return "Command append";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    Sizes sizes = bench.sizes();
    int clients = sizes.appendClients();
    // Scenario 3 paces follow-ups too: award enough grants now, outside any measurement.
    bench
        .fixture()
        .ensureFollowUps(
            sizes.appendWarmup() + sizes.appendMeasured() + Publication.followUpsNeeded(sizes));
    Runs.requireClean(followUps(bench, clients, sizes.appendWarmup()), "warm-up follow-ups");
    Runs.awaitQuiet(bench, result, "before measuring");
    RawAppend.Sample sample = RawAppend.sample(bench.system(), "AnnualFollowUpReported");
    Load.Result before;
    Load.Result system;
    Load.Result after;
    try (RawAppend raw = RawAppend.open(bench.system(), sample, clients)) {
      bench.log(
          "raw INSERTs, " + clients + " clients, " + sizes.rawDuration().toSeconds() + " s ...");
      Cpu.Sample cpu = bench.system().cpu();
      before = Runs.requireClean(raw.run(sizes.rawDuration()), "raw INSERTs");
      Runs.cpuNote(bench, result, "raw INSERTs", cpu, before);
      bench.log(
          f(
              "raw: %.0f rows/s; system: %d follow-ups from %d clients ...",
              before.rate(), sizes.appendMeasured(), clients));
      cpu = bench.system().cpu();
      system = Runs.requireClean(followUps(bench, clients, sizes.appendMeasured()), "follow-ups");
      Runs.cpuNote(
          bench,
          result,
          "follow-ups via REST (the publisher and the other services' consumers work on the"
              + " events meanwhile)",
          cpu,
          system);
      bench.log(f("system: %.0f commands/s; raw again ...", system.okRate()));
      Runs.awaitQuiet(bench, result, "after the follow-ups");
      after = Runs.requireClean(raw.run(sizes.rawDuration()), "raw INSERTs");
    }
    bench.commandRate(system.okRate());
    double raw = Runs.meanRate(before, after);
    result.add(
        Row.of(
            "follow-up commands via REST into the event store vs single-row INSERT transactions, "
                + clients
                + " clients",
            "ops/s",
            raw,
            system.okRate(),
            Goal.ratioAtLeast(0.5),
            system.latencies().summary(),
            Runs.merged(before, after),
            null));
    result.check(
        f(
            "%d follow-ups answered 200, none failed; raw INSERTs: %d + %d rows, none failed",
            system.ok(), before.ok(), after.ok()));
    result.note(
        f(
            "Row size: payload %d + metadata %d bytes (a stored AnnualFollowUpReported, copied into every raw row)"
                + " plus the same indexed columns and two 32-byte hashes.",
            sample.payload().length, sample.metaData() == null ? 0 : sample.metaData().length));
    result.note(
        f(
            "Raw baseline before the system %.0f rows/s, after %.0f rows/s (%d s each); the system did %d"
                + " follow-ups in %.1f s across %d awarded WPI grants (year by year, so consecutive commands hit different"
                + " grants), after %d warm-up follow-ups. No Idempotency-Key was sent (it would add a row to"
                + " idempotency_record per command).",
            before.rate(),
            after.rate(),
            sizes.rawDuration().toSeconds(),
            system.ok(),
            system.seconds(),
            bench.fixture().awardedCount(),
            sizes.appendWarmup()));
  }

  static Load.Result followUps(Bench bench, int clients, int count) {
    return Load.closed(
        clients, java.time.Duration.ofHours(1), count, (client, index) -> followUp(bench));
  }

  /** Reports the next waiting follow-up; anything but 200 is an error. */
  static Load.Outcome followUp(Bench bench) throws InterruptedException {
    return followUp(bench, (next, answeredAt) -> {});
  }

  /** The same, telling {@code answered} which follow-up was answered and when. */
  static Load.Outcome followUp(
      Bench bench, java.util.function.BiConsumer<Fixture.FollowUp, java.time.Instant> answered)
      throws InterruptedException {
    Fixture fixture = bench.fixture();
    Fixture.FollowUp next = fixture.nextFollowUp();
    if (next == null) {
      throw new IllegalStateException("no follow-up left to report");
    }
    Reply reply = fixture.api().followUp(next.grant(), next.fiscalYear());
    if (reply.status() != 200) {
      throw new IllegalStateException("follow-up answered " + reply.status() + ": " + reply.body());
    }
    answered.accept(next, java.time.Instant.now());
    return Load.Outcome.OK;
  }
}
