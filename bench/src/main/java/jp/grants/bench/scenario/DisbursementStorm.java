package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Latencies;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawCapUpdate;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.GrantApi;
import jp.grants.bench.system.Http.Reply;
import jp.grants.bench.system.LedgerApi;
import jp.grants.bench.system.RestClient;
import jp.grants.launcher.Service;

/**
 * 7. A disbursement storm: one grant whose allocation for one fiscal year has room for exactly K
 * payments of 1,000 yen, and N &gt; K {@code POST /api/v1/ledger/disbursements} for it, each with
 * its own Idempotency-Key and the same body, from C concurrent clients (every client connected
 * first, then all let go at once); then the same on a fresh grant from as many clients as requests,
 * so that all N are in flight together. Exactly K must be paid and N - K refused (409), with no 5xx
 * answer; a 503 with Retry-After (the ledger's queue full, nothing written) is sent again, same key
 * and body, after the delay it asks for, and counted apart. Then every one of the N keys is sent
 * again with its body (the same concurrency): each answer must be marked {@code
 * Idempotent-Replayed: true}, carry the status of the first answer, and pay nothing.
 *
 * <p>Beside it: the same storm of conditional UPDATEs on one row with room for K, from as many JDBC
 * clients as the storm has (at most {@code stormRawClients}: PostgreSQL's max_connections).
 */
public final class DisbursementStorm implements Scenario {
  private static final int FISCAL_YEAR = GrantApi.START_FISCAL_YEAR;
  private static final long AMOUNT = 1_000;
  private static final double P99_GOAL_MS = 1_000;

  /**
   * Another 5xx, or a broken connection, leaves the outcome unknown: the same key and body are sent
   * again after this pause (the answer then is the first one's, or the first one), and counted.
   */
  private static final long AFTER_FAILURE_MILLIS = 1_000;

  private static final int MAX_FAILED_ATTEMPTS = 30;
  private static final int MAX_ATTEMPTS_AFTER_503 = 1_000;
  private static final int SAMPLES = 5;

  @Override
  public int number() {
    return 7;
  }

  @Override
  public String title() {
    return "Disbursement storm";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    Sizes sizes = bench.sizes();
    int payments = sizes.stormPayments();
    if (payments <= 0 || payments >= sizes.stormRequests()) {
      throw new IllegalArgumentException(
          "a storm needs more requests ("
              + sizes.stormRequests()
              + ") than room ("
              + payments
              + ")");
    }
    UUID warm = bench.fixture().awardedGrants(1).get(0);
    UUID first = roomFor(bench, payments);
    UUID second = roomFor(bench, payments);
    LedgerChecks.awaitLedgerKnows(bench, List.of(warm, first, second));
    warmUp(bench, result, warm);
    Runs.awaitQuiet(bench, result, "before the storms");
    int rawConnections =
        Math.min(
            sizes.stormRawClients(), Math.max(sizes.stormClients(), sizes.stormBurstClients()));
    try (RawCapUpdate raw =
        RawCapUpdate.open(bench.system(), rawConnections, 1, payments * AMOUNT)) {
      storm(bench, raw, result, first, sizes.stormClients(), true);
      Runs.awaitQuiet(bench, result, "after the first storm");
      storm(bench, raw, result, second, sizes.stormBurstClients(), false);
    }
    result.note(
        f(
            "Each storm: %,d requests paying %,d yen for FY%d (PERSONNEL), one Idempotency-Key each and the same"
                + " body, on a fresh WPI grant whose FY%d allocation is %,d yen (room for exactly %d payments; its other years,"
                + " total award and the pool's budget far above). Every client opens its connection first; the clock starts"
                + " when all are let go at once. Latency: from a request's first send to its 201 or 409, the waits after a"
                + " 503 (Retry-After) included. The raw storm: the same number of conditional UPDATEs on one row with room"
                + " for %d, from at most %d JDBC clients (PostgreSQL's max_connections is 300).",
            sizes.stormRequests(),
            AMOUNT,
            FISCAL_YEAR,
            FISCAL_YEAR,
            payments * AMOUNT,
            payments,
            payments,
            sizes.stormRawClients()));
    result.note(
        f(
            "Goals: 0 × 5xx (a 503 with Retry-After is retried and counted apart), p99 ≤ %s ms at %d clients,"
                + " exactly %d payments, and a replay of every key pays nothing.",
            Row.number(P99_GOAL_MS), sizes.stormClients(), payments));
  }

  /**
   * A WPI grant whose first fiscal year has room for exactly {@code payments} payments of AMOUNT.
   */
  private static UUID roomFor(Bench bench, int payments) throws InterruptedException {
    List<Long> plan = new ArrayList<>(Collections.nCopies(GrantApi.YEARS, GrantApi.ANNUAL_YEN));
    plan.set(FISCAL_YEAR - GrantApi.START_FISCAL_YEAR, payments * AMOUNT);
    return bench.grants().awardedGrant(plan);
  }

  /** Not counted: the ledger's JIT (and after scenario 6's restarts, the ledger itself) is cold. */
  private static void warmUp(Bench bench, ScenarioResult result, UUID grant) {
    Sizes sizes = bench.sizes();
    AtomicLong retried503 = new AtomicLong();
    Load.Result warm =
        Runs.requireClean(
            Load.closed(
                sizes.capClients(),
                sizes.capWarmup(),
                Long.MAX_VALUE,
                (client, index) -> {
                  Reply reply = bench.ledger().disburse(grant, FISCAL_YEAR, AMOUNT, retried503);
                  if (reply.status() != 201 && reply.status() != 409) {
                    throw new IllegalStateException(
                        "warm-up disbursement answered "
                            + reply.status()
                            + ": "
                            + reply.bodyStart());
                  }
                  return Load.Outcome.OK;
                }),
            "warm-up disbursements");
    result.note(
        f(
            "Warm-up, not counted: %d disbursements on another grant from %d clients in %.1f s (%d answers 503"
                + " retried).",
            warm.answered(), sizes.capClients(), warm.seconds(), retried503.get()));
  }

  /** The raw storm, the system's storm, its checks and rows, then the replay and its checks. */
  private static void storm(
      Bench bench,
      RawCapUpdate raw,
      ScenarioResult result,
      UUID grant,
      int clients,
      boolean latencyGoal)
      throws Exception {
    Sizes sizes = bench.sizes();
    int requests = sizes.stormRequests();
    int payments = sizes.stormPayments();
    long room = payments * AMOUNT;
    String run = f("storm of %d clients", clients);

    raw.reset(0, room, 0);
    int rawClients = Math.min(clients, sizes.stormRawClients());
    bench.log(
        f(
            "raw storm: %,d conditional UPDATEs from %d JDBC clients on one row with room for %d ...",
            requests, rawClients, payments));
    Cpu.Sample cpu = bench.system().cpu();
    Load.Result rawStorm =
        Runs.requireClean(
            raw.run(rawClients, Duration.ofMinutes(10), requests, 1, true, AMOUNT), "raw storm");
    Runs.cpuNote(bench, result, f("raw UPDATE storm, %d JDBC clients", rawClients), cpu, rawStorm);
    long rawSpent = raw.spent(0);
    boolean rawExact = rawStorm.ok() == payments && rawSpent == room;
    result.check(
        f(
            "raw %s (%d JDBC clients): %d UPDATEs paid, %d refused, spent %,d of %,d — %s",
            run,
            rawClients,
            rawStorm.ok(),
            rawStorm.refused(),
            rawSpent,
            room,
            rawExact ? "exactly the room" : "NOT THE ROOM"));
    if (!rawExact) {
      throw new IllegalStateException("the raw storm did not end at the row's cap: see the checks");
    }

    String body = LedgerApi.body(grant, FISCAL_YEAR, AMOUNT);
    List<RestClient.Prepared> prepared = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      prepared.add(bench.ledger().prepare(body, UUID.randomUUID().toString()));
    }
    long acceptedBefore = LedgerChecks.acceptedByRest(bench);
    bench.log(
        f("%s: %,d disbursements on one grant-year with room for %d ...", run, requests, payments));
    cpu = bench.system().cpu();
    Pass storm = Pass.run(bench, prepared, clients, "storm");
    Runs.cpuNote(
        bench,
        result,
        f("disbursement storm via REST, %d clients, during the storm", clients),
        cpu,
        storm.load);
    bench.log(
        f(
            "%s: %s in %.1f s, p99 %.0f ms; replaying every key ...",
            run,
            storm.finalStatuses(),
            storm.load.seconds(),
            storm.load.latencies().percentileMillis(99)));
    long[] paid = LedgerChecks.accepted(bench, grant, FISCAL_YEAR);
    long yearDisbursed = LedgerChecks.grantYearDisbursed(bench, grant, FISCAL_YEAR);
    long acceptedByRest = LedgerChecks.acceptedByRest(bench);
    LedgerChecks.checkLedger(bench, result, run, storm.count(201), acceptedByRest - acceptedBefore);
    result.check(storm.answers(run));
    boolean exact =
        paid[0] == payments
            && paid[1] == room
            && yearDisbursed == room
            && storm.count(201) == payments
            && storm.count(409) == requests - payments;
    result.check(
        f(
            "%s: payments %d (accepted rows, %,d yen), the grant-year's disbursed %,d of %,d; 201 answers %d,"
                + " 409 answers %d — %s",
            run,
            paid[0],
            paid[1],
            yearDisbursed,
            room,
            storm.count(201),
            storm.count(409),
            exact ? "exactly K = " + payments : "NOT EXACTLY K = " + payments));

    cpu = bench.system().cpu();
    Pass replay = Pass.run(bench, prepared, clients, "replay");
    Runs.cpuNote(
        bench, result, f("replay of the storm's keys, %d clients", clients), cpu, replay.load);
    long[] paidAfter = LedgerChecks.accepted(bench, grant, FISCAL_YEAR);
    long yearAfter = LedgerChecks.grantYearDisbursed(bench, grant, FISCAL_YEAR);
    long acceptedAfter = LedgerChecks.acceptedByRest(bench);
    int marked = replay.replayedCount();
    int same = replay.sameStatusesAs(storm);
    boolean nothingPaid =
        paidAfter[0] == paid[0]
            && paidAfter[1] == paid[1]
            && yearAfter == yearDisbursed
            && acceptedAfter == acceptedByRest;
    boolean replayHeld = marked == requests && same == requests && nothingPaid;
    result.check(replay.answers("replay after the " + run));
    result.check(
        f(
            "replay after the %s: the same %,d keys and bodies; answers marked Idempotent-Replayed: true %d of"
                + " %d, with the first answer's status %d of %d; payments %d → %d, the grant-year's disbursed %,d → %,d"
                + " — %s",
            run,
            requests,
            marked,
            requests,
            same,
            requests,
            paid[0],
            paidAfter[0],
            yearDisbursed,
            yearAfter,
            replayHeld ? "replay paid nothing" : "REPLAY NOT AS THE FIRST ANSWERS"));

    Latencies.Latency stormLatency = storm.load.latencies().summary();
    result.add(
        Row.of(
            f(
                "storm: %,d disbursements via REST on one grant-year with room for %d, %d clients at once, vs"
                    + " conditional UPDATEs (%d JDBC clients)",
                requests, payments, clients, rawClients),
            "ops/s",
            rawStorm.rate(),
            storm.load.rate(),
            null,
            stormLatency,
            rawStorm.latencies().summary(),
            f(
                "503 retried %d; replay %.0f/s, p99 %s ms",
                storm.retried503.get(),
                replay.load.rate(),
                Row.number(replay.load.latencies().percentileMillis(99)))));
    result.add(
        Row.of(
            f(
                "storm latency p99, %d clients: first send → 201/409, waits after a 503 included (raw: the"
                    + " UPDATE's)",
                clients),
            "ms",
            rawStorm.latencies().percentileMillis(99),
            storm.load.latencies().percentileMillis(99),
            latencyGoal ? Goal.systemAtMost(P99_GOAL_MS, "ms") : null,
            stormLatency,
            rawStorm.latencies().summary(),
            null));
    result.add(
        Row.of(
            f(
                "payments made by the storm of %d clients (room for exactly %d; raw: the UPDATE's)",
                clients, payments),
            "payments",
            (double) rawStorm.ok(),
            (double) paid[0],
            Goal.systemEquals(payments, "payments"),
            null,
            null,
            f("replay of all %,d keys paid %d more", requests, paidAfter[0] - paid[0])));
    result.note(
        f(
            "%s, every attempt (503s included): %s; attempt latency p50 %s / p99 %s ms.",
            run,
            storm.allAttempts(),
            Row.number(storm.attempts.percentileMillis(50)),
            Row.number(storm.attempts.percentileMillis(99))));
    if (!exact || !replayHeld) {
      throw new IllegalStateException(
          "the "
              + run
              + " did not pay exactly "
              + payments
              + " or its replay differed: see"
              + " the checks");
    }
  }

  /**
   * One pass over the prepared requests: every request sent until it has its answer (201, 409, or
   * another 4xx).
   */
  private static final class Pass {
    final int[] status;
    final boolean[] replayed;

    /** Every answer, attempts included. */
    final AtomicLongArray byStatus = new AtomicLongArray(600);

    final AtomicLong retried503 = new AtomicLong();
    final AtomicLong other5xx = new AtomicLong();
    final AtomicLong broken = new AtomicLong();
    final Latencies attempts = new Latencies();
    final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    Load.Result load;

    private Pass(int requests) {
      status = new int[requests];
      replayed = new boolean[requests];
    }

    static Pass run(Bench bench, List<RestClient.Prepared> requests, int clients, String what) {
      Pass pass = new Pass(requests.size());
      pass.load =
          Runs.requireClean(
              Load.burst(
                  clients,
                  requests.size(),
                  client -> bench.system().load().connect(Service.LEDGER),
                  (client, index) -> pass.one(bench, requests.get((int) index), (int) index)),
              what);
      return pass;
    }

    Load.Outcome one(Bench bench, RestClient.Prepared request, int index)
        throws InterruptedException {
      int failures = 0;
      for (int attempt = 1; ; attempt++) {
        long began = System.nanoTime();
        Reply reply;
        try {
          reply = bench.ledger().send(request);
        } catch (UncheckedIOException e) {
          broken.incrementAndGet();
          sample(
              "connection: "
                  + e.getMessage()
                  + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
          if (++failures >= MAX_FAILED_ATTEMPTS) {
            throw e;
          }
          Thread.sleep(AFTER_FAILURE_MILLIS);
          continue;
        }
        attempts.recordNanos(System.nanoTime() - began);
        int answered = reply.status();
        byStatus.incrementAndGet(Math.max(0, Math.min(599, answered)));
        if (answered == 503 && reply.retryAfterMillis().isPresent()) {
          retried503.incrementAndGet();
          if (attempt >= MAX_ATTEMPTS_AFTER_503) {
            throw new IllegalStateException("still 503 after " + attempt + " attempts");
          }
          Thread.sleep(reply.retryAfterMillis().getAsLong());
          continue;
        }
        if (answered >= 500) {
          other5xx.incrementAndGet();
          sample(
              answered
                  + " "
                  + reply.retryAfter().map(r -> "Retry-After " + r + " ").orElse("")
                  + reply.bodyStart());
          if (++failures >= MAX_FAILED_ATTEMPTS) {
            throw new IllegalStateException(
                "answered " + answered + " " + failures + " times: " + reply.bodyStart());
          }
          // Jittered, so that the clients a failure hit together do not come back together.
          Thread.sleep(
              AFTER_FAILURE_MILLIS / 2
                  + ThreadLocalRandom.current().nextLong(AFTER_FAILURE_MILLIS));
          continue;
        }
        status[index] = answered;
        replayed[index] = reply.replayed();
        return switch (answered) {
          case 201 -> Load.Outcome.OK;
          case 409 -> Load.Outcome.REFUSED;
          default ->
              throw new IllegalStateException(
                  "disbursement answered " + answered + ": " + reply.bodyStart());
        };
      }
    }

    private void sample(String text) {
      if (samples.size() < SAMPLES) {
        samples.add(text);
      }
    }

    long count(int wanted) {
      long n = 0;
      for (int s : status) {
        if (s == wanted) {
          n++;
        }
      }
      return n;
    }

    int replayedCount() {
      int n = 0;
      for (boolean r : replayed) {
        if (r) {
          n++;
        }
      }
      return n;
    }

    int sameStatusesAs(Pass first) {
      int n = 0;
      for (int i = 0; i < status.length; i++) {
        if (status[i] != 0 && status[i] == first.status[i]) {
          n++;
        }
      }
      return n;
    }

    /** "201 × 7, 409 × 53": the final answers. */
    String finalStatuses() {
      Map<Integer, Long> counts = new TreeMap<>();
      for (int s : status) {
        counts.merge(s, 1L, Long::sum);
      }
      return counts.entrySet().stream()
          .map(e -> (e.getKey() == 0 ? "none" : e.getKey()) + " × " + e.getValue())
          .collect(Collectors.joining(", "));
    }

    /** Every answer of every attempt by status. */
    String allAttempts() {
      List<String> parts = new ArrayList<>();
      for (int s = 0; s < byStatus.length(); s++) {
        if (byStatus.get(s) > 0) {
          parts.add(s + " × " + byStatus.get(s));
        }
      }
      return String.join(", ", parts)
          + (broken.get() > 0 ? ", broken connections × " + broken.get() : "");
    }

    /** The check line: answers by status, 503s apart, other 5xx (must be none). */
    String answers(String run) {
      long failures = other5xx.get();
      return f(
          "%s: %d requests answered %s in %.1f s, p50 %s / p99 %s ms; 503 with Retry-After %d (sent again after"
              + " the delay); other 5xx %d, broken connections %d — %s%s",
          run,
          status.length,
          finalStatuses(),
          load.seconds(),
          Row.number(load.latencies().percentileMillis(50)),
          Row.number(load.latencies().percentileMillis(99)),
          retried503.get(),
          failures,
          broken.get(),
          failures == 0
              ? "0 × 5xx"
              : failures + " × 5xx (each sent again with the same key until answered)",
          samples.isEmpty() ? "" : "; e.g. " + samples);
    }
  }
}
