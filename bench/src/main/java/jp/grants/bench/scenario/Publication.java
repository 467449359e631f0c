package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import jp.grants.bench.Bench;
import jp.grants.bench.Sizes;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Latencies;
import jp.grants.bench.harness.Load;
import jp.grants.bench.raw.RawProducer;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.system.EventClones;
import jp.grants.bench.system.TopicProbe;
import jp.grants.contracts.Topics;
import jp.grants.launcher.Service;
import org.apache.kafka.clients.admin.Admin;

/**
 * 3. Publication: (a) how fast the publisher (a streaming processor over the event store, acks=all,
 * idempotent producer) drains a backlog of stored events onto {@code grant-events}, beside a raw
 * KafkaProducer with the same settings sending records of the same size, both timed at a consumer;
 * (b) the latency from an event's append (its timestamp) to a consumer, under a steady paced
 * command load, beside the raw producer-to-consumer latency at the same rate.
 *
 * <p>The backlog is made by copying whole grant histories in the event store with one SQL statement
 * (see {@link EventClones}): the REST API cannot append faster than the publisher publishes.
 */
public final class Publication implements Scenario {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PACED_CLIENTS = 8;
  private static final double DEFAULT_RATE = 40;

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String title() {
    return "Publication";
  }

  /** The follow-ups the paced load may take, at most: scenario 1 awards grants for them. */
  static int followUpsNeeded(Sizes sizes) {
    return (int) Math.ceil(sizes.pacedMaxRate() * sizes.pacedDuration().toMillis() / 1000.0) + 10;
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    double rate = pacedRate(bench);
    bench.fixture().ensureFollowUps(followUpsNeeded(bench.sizes()));
    awaitQuiet(bench, result);
    try (Admin admin = bench.quiescence().admin()) {
      RawProducer.createTopic(admin, Topics.GRANT_EVENTS);
    }
    int size;
    try (RawProducer raw = new RawProducer(bench.system().bootstrapServers())) {
      size = latency(bench, raw, rate, result);
      awaitQuiet(bench, result);
      throughput(bench, raw, size, result);
    }
  }

  /** A quarter of what scenario 1 sustained: a steady load well below saturation. */
  private static double pacedRate(Bench bench) {
    double measured = bench.commandRate();
    double max = bench.sizes().pacedMaxRate();
    return Double.isNaN(measured)
        ? Math.min(DEFAULT_RATE, max)
        : Math.max(5, Math.min(max, Math.round(measured / 4)));
  }

  /** (b): returns the mean size of the follow-up records seen, for the raw records. */
  private static int latency(Bench bench, RawProducer raw, double rate, ScenarioResult result)
      throws Exception {
    Duration duration = bench.sizes().pacedDuration();
    Latencies system = new Latencies();
    Map<String, Instant> answered = new ConcurrentHashMap<>();
    Map<String, Instant> arrived = new ConcurrentHashMap<>();
    AtomicLong followUpBytes = new AtomicLong();
    Load.Result load;
    try (TopicProbe probe =
        new TopicProbe(
            bench.system().bootstrapServers(),
            Topics.GRANT_EVENTS,
            (record, at) -> {
              JsonNode envelope = readTree(record.value());
              Instant appended = OffsetDateTime.parse(envelope.get("time").asText()).toInstant();
              system.recordNanos(Duration.between(appended, at).toNanos());
              if (envelope.get("type").asText().endsWith("AnnualFollowUpReported")) {
                arrived.put(
                    envelope.get("subject").asText()
                        + "/"
                        + envelope.get("data").get("fiscalYear").asInt(),
                    at);
                followUpBytes.addAndGet(record.value().length);
              }
            })) {
      bench.log(
          f(
              "paced follow-ups at %.0f/s for %d s, timing append → consumer ...",
              rate, duration.toSeconds()));
      load =
          Runs.requireClean(
              Load.paced(
                  PACED_CLIENTS,
                  rate,
                  duration,
                  (client, index) ->
                      CommandAppend.followUp(
                          bench,
                          (followUp, at) ->
                              answered.put(followUp.grant() + "/" + followUp.fiscalYear(), at))),
              "paced follow-ups");
      awaitCount(arrived::size, load.ok(), Duration.ofSeconds(60));
    }
    int size = (int) (followUpBytes.get() / Math.max(1, arrived.size()));
    Latencies rawLatency = rawLatency(bench, raw, rate, size);
    result.add(
        Row.of(
            f(
                "append → consumer latency p99 at %.0f commands/s (raw: producer → consumer at the same rate)",
                rate),
            "ms",
            rawLatency.percentileMillis(99),
            system.percentileMillis(99),
            Goal.systemAtMost(100, "ms"),
            system.summary(),
            rawLatency.summary(),
            null));
    result.note(
        f(
            "Latency: %d follow-ups paced at %.0f/s (about a quarter of scenario 1's rate) for %d s, their REST"
                + " answers p50 %.0f / p99 %.0f ms; every grant event on grant-events timed from its envelope time (set when the"
                + " aggregate applied it, before commit) to its arrival at a consumer in the benchmark JVM. Raw: %d records of %d"
                + " bytes paced alike, timed from send to arrival (millisecond record timestamps).",
            load.ok(),
            rate,
            duration.toSeconds(),
            load.latencies().percentileMillis(50),
            load.latencies().percentileMillis(99),
            rawLatency.count(),
            size));
    result.note(afterAnswer(answered, arrived));
    return size;
  }

  private static Latencies rawLatency(Bench bench, RawProducer raw, double rate, int size)
      throws Exception {
    Latencies latency = new Latencies();
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    AtomicLong received = new AtomicLong();
    try (TopicProbe probe =
        new TopicProbe(
            bench.system().bootstrapServers(),
            RawProducer.TOPIC,
            (record, at) -> {
              latency.recordMicros(Math.max(1, (at.toEpochMilli() - record.timestamp()) * 1000));
              received.incrementAndGet();
            })) {
      Load.Result sent =
          Runs.requireClean(
              Load.paced(
                  PACED_CLIENTS,
                  rate,
                  bench.sizes().pacedDuration(),
                  (client, index) -> {
                    raw.sendNow(UUID.randomUUID().toString(), value);
                    return Load.Outcome.OK;
                  }),
              "raw paced records");
      awaitCount(received::get, sent.ok(), Duration.ofSeconds(60));
    }
    return latency;
  }

  /**
   * How long after the REST answer (so after the commit) each follow-up's event reached the
   * consumer.
   */
  private static String afterAnswer(Map<String, Instant> answered, Map<String, Instant> arrived) {
    List<Long> millis = new ArrayList<>();
    answered.forEach(
        (key, at) -> {
          Instant came = arrived.get(key);
          if (came != null) {
            millis.add(Duration.between(at, came).toMillis());
          }
        });
    Collections.sort(millis);
    if (millis.isEmpty()) {
      return "No follow-up event could be matched with its REST answer.";
    }
    return f(
        "From the REST answer (after the commit) to the consumer: p50 %d ms, p99 %d ms, max %d ms (%d follow-ups;"
            + " negative: the event was on Kafka before the client had read the answer).",
        millis.get(millis.size() / 2),
        millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1)),
        millis.get(millis.size() - 1),
        millis.size());
  }

  /** (a): the publisher draining a backlog beside the raw producer, raw before and after. */
  private static void throughput(
      Bench bench, RawProducer raw, int followUpSize, ScenarioResult result) throws Exception {
    int burst = bench.sizes().publicationBurst();
    Cpu.Sample cpu = bench.system().cpu();
    Drain before = rawBurst(bench, raw, burst, followUpSize);
    Runs.cpuNote(bench, result, "raw producer burst (per record)", cpu, before.count());
    bench.log(
        f(
            "raw producer: %.0f records/s; the publisher draining %d copied events ...",
            before.rate(), burst));
    cpu = bench.system().cpu();
    Drain system = publisherBurst(bench, burst);
    Runs.cpuNote(
        bench,
        result,
        "publisher draining copies (per event; the read model processor and the other"
            + " services' consumers work on the same events meanwhile)",
        cpu,
        system.count());
    bench.log(f("publisher: %.0f events/s; raw again ...", system.rate()));
    Drain after = rawBurst(bench, raw, burst, system.meanBytes());
    double rawRate = (before.rate() + after.rate()) / 2;
    result.add(
        Row.of(
            f(
                "events reaching Kafka: publisher draining %,d stored events vs raw producer (acks=all,"
                    + " idempotent), timed at a consumer",
                burst),
            "events/s",
            rawRate,
            system.rate(),
            Goal.ratioAtLeast(0.5),
            null,
            null,
            null));
    result.note(
        f(
            "Throughput: raw %.0f records/s before (%d bytes each) and %.0f after (%d bytes, the mean of the"
                + " published copies); the publisher's first copied event reached the consumer %.2f s after the copies"
                + " committed, and all %,d in %.1f s more.",
            before.rate(),
            followUpSize,
            after.rate(),
            system.meanBytes(),
            system.firstAfterSeconds(),
            system.count(),
            system.seconds()));
  }

  /** Records of one drain, as the consumer saw them. */
  private record Drain(long count, double seconds, int meanBytes, double firstAfterSeconds) {
    double rate() {
      return count / Math.max(1e-9, seconds);
    }
  }

  private static Drain rawBurst(Bench bench, RawProducer raw, int count, int size)
      throws Exception {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < Math.max(1, count / 13); i++) {
      keys.add(UUID.randomUUID().toString());
    }
    Arrivals arrivals = new Arrivals(key -> true);
    try (TopicProbe probe =
        new TopicProbe(bench.system().bootstrapServers(), RawProducer.TOPIC, arrivals::record)) {
      long sent = System.nanoTime();
      raw.burst(count, value, keys);
      arrivals.await(count, Duration.ofMinutes(5));
      return arrivals.drain(sent);
    }
  }

  private static Drain publisherBurst(Bench bench, int count) throws Exception {
    List<UUID> sources =
        bench.fixture().awardedGrants(Math.min(bench.fixture().awardedCount(), 2000));
    try (Connection c = bench.system().connect(Service.GRANT)) {
      EventClones.Plan plan = EventClones.plan(c, sources, count);
      Set<String> copies = plan.grantIds();
      Arrivals arrivals = new Arrivals(copies::contains);
      try (TopicProbe probe =
          new TopicProbe(
              bench.system().bootstrapServers(), Topics.GRANT_EVENTS, arrivals::record)) {
        EventClones.Cloned cloned = EventClones.insert(c, plan);
        long committed = System.nanoTime();
        arrivals.await(cloned.events(), bench.sizes().quietTimeout());
        return arrivals.drain(committed);
      }
    }
  }

  /** Arrival times of the records a consumer got, for keys that pass a filter. */
  private static final class Arrivals {
    private final Predicate<String> keys;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long first;
    private volatile long last;

    Arrivals(Predicate<String> keys) {
      this.keys = keys;
    }

    void record(
        org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, Instant at) {
      if (record.key() == null || !keys.test(record.key())) {
        return;
      }
      long now = System.nanoTime();
      if (count.getAndIncrement() == 0) {
        first = now;
      }
      last = now;
      bytes.addAndGet(record.value().length);
    }

    void await(long expected, Duration timeout) throws InterruptedException {
      awaitCount(count::get, expected, timeout);
    }

    Drain drain(long started) {
      long n = count.get();
      return new Drain(
          n, (last - first) / 1e9, (int) (bytes.get() / Math.max(1, n)), (first - started) / 1e9);
    }
  }

  private static void awaitCount(LongSupplier counter, long expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.getAsLong() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the consumer got "
                + counter.getAsLong()
                + " of "
                + expected
                + " records in "
                + timeout);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitQuiet(Bench bench, ScenarioResult result) throws InterruptedException {
    String busy = bench.awaitQuiet();
    if (busy != null) {
      result.note("Still busy before measuring: " + busy);
    }
  }

  private static JsonNode readTree(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
