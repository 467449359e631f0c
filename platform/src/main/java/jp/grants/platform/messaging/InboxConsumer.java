package jp.grants.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.rule.RuleViolation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes topics at least once and applies each event exactly once in effect: the event id is
 * inserted into the {@code inbox} table in the same transaction as the handler's effect, so a
 * redelivered event changes nothing. Offsets are committed only after the effect is committed.
 *
 * <p>A failure that may pass (database away, a lock) is retried from the same record, in order,
 * until it succeeds; a record that can never be applied (unreadable, or refused by a domain rule)
 * goes to {@code inbox_dead_letter} with its reason, and the partition moves on.
 */
public final class InboxConsumer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(InboxConsumer.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final long MAX_BACKOFF_MS = 5_000;

  /** How often a batched consumer commits the offsets of polls that only passed records over. */
  private static final long PASSED_OVER_COMMIT_NANOS = 1_000_000_000L;

  /** A batched consumer's fetches wait up to this long for BATCH_FETCH_MIN_BYTES to gather. */
  static final int BATCH_FETCH_WAIT_MS = 50;

  static final int BATCH_FETCH_MIN_BYTES = 64 * 1024;

  /** Applies one event; runs inside the transaction that records it in the inbox. */
  @FunctionalInterface
  public interface Handler {
    void handle(EventEnvelope envelope, DomainEvent event) throws Exception;
  }

  /**
   * Applies the new events of one poll, in order; runs inside the one transaction that records them
   * all in the inbox. When it throws a {@link RuleViolation}, the events are applied again one at a
   * time, so that only the one a rule refuses is dead-lettered.
   */
  @FunctionalInterface
  public interface BatchHandler {
    void handle(List<Delivery> deliveries) throws Exception;
  }

  /** An event to apply, with the W3C traceparent its record carried (or null). */
  public record Delivery(EventEnvelope envelope, DomainEvent event, String traceparent) {}

  private record Parsed(ConsumerRecord<String, byte[]> record, Delivery delivery) {}

  private final String name;
  private final List<String> topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final DataSource dataSource;
  private final EnvelopeCodec codec;
  private final Predicate<String> interestedIn;
  private final BatchHandler handler;
  private final boolean batched;
  private final boolean perKey;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String lastFailure;
  private long backoffMs = 100;
  private long lastCommitNanos = System.nanoTime();
  private final io.micrometer.core.instrument.Counter applied;
  private final io.micrometer.core.instrument.Counter duplicates;
  private final io.micrometer.core.instrument.Counter deadLettered;
  private final io.micrometer.core.instrument.Counter retried;
  private final io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics clientMetrics;

  /**
   * @param name the consumer's name: its Kafka group id and its key in the inbox
   * @param interestedIn which event types it applies; others are passed over without a write
   */
  public InboxConsumer(
      String name,
      List<String> topics,
      KafkaClients clients,
      DataSource dataSource,
      EnvelopeCodec codec,
      Predicate<String> interestedIn,
      Handler handler) {
    this(
        name,
        topics,
        clients,
        dataSource,
        codec,
        interestedIn,
        deliveries -> {
          for (Delivery delivery : deliveries) {
            handler.handle(delivery.envelope(), delivery.event());
          }
        },
        false,
        false);
  }

  /**
   * A consumer that applies the new events of each poll in one transaction (one inbox insert for
   * all of them), for consumers whose effects gain from being written together.
   */
  public static InboxConsumer batched(
      String name,
      List<String> topics,
      KafkaClients clients,
      DataSource dataSource,
      EnvelopeCodec codec,
      Predicate<String> interestedIn,
      BatchHandler handler) {
    return new InboxConsumer(
        name, topics, clients, dataSource, codec, interestedIn, handler, true, false);
  }

  /**
   * A consumer that applies the new events of each poll a record key at a time: the events of one
   * key (in order) in one transaction of their own, with one inbox insert for them. For consumers
   * whose key names what the handler locks (a grant's history): a transaction never holds the lock
   * of one key while it works on another, so a key's other writers wait for one key's work at most,
   * as they would for a single event.
   */
  public static InboxConsumer batchedPerKey(
      String name,
      List<String> topics,
      KafkaClients clients,
      DataSource dataSource,
      EnvelopeCodec codec,
      Predicate<String> interestedIn,
      BatchHandler handler) {
    return new InboxConsumer(
        name, topics, clients, dataSource, codec, interestedIn, handler, true, true);
  }

  private InboxConsumer(
      String name,
      List<String> topics,
      KafkaClients clients,
      DataSource dataSource,
      EnvelopeCodec codec,
      Predicate<String> interestedIn,
      BatchHandler handler,
      boolean batched,
      boolean perKey) {
    this.batched = batched;
    this.perKey = perKey;
    this.name = name;
    this.topics = topics;
    // A batched consumer lets the broker gather what arrives within BATCH_FETCH_WAIT_MS into one
    // fetch, so that a trickle of records (most of them of types passed over) is one poll, one
    // transaction and one commit per gathering rather than per record.
    this.consumer =
        batched
            ? clients.consumer(
                name,
                Map.of(
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                    BATCH_FETCH_MIN_BYTES,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    BATCH_FETCH_WAIT_MS))
            : clients.consumer(name);
    this.dataSource = dataSource;
    this.codec = codec;
    this.interestedIn = interestedIn;
    this.handler = handler;
    this.applied = MessagingMetrics.inbox(name, "applied");
    this.duplicates = MessagingMetrics.inbox(name, "duplicate");
    this.deadLettered = MessagingMetrics.inbox(name, "dead_lettered");
    this.retried = MessagingMetrics.inbox(name, "retried");
    this.clientMetrics = MessagingMetrics.bind(consumer);
    this.thread = new Thread(this::run, "inbox-" + name);
    this.thread.setDaemon(true);
  }

  public InboxConsumer start() {
    thread.start();
    return this;
  }

  /** The last failure that is being retried, or null while all is well. */
  public String lastFailure() {
    return lastFailure;
  }

  private void run() {
    Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    consumer.subscribe(
        topics,
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(pending);
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
        });
    try {
      while (running) {
        pollOnce(pending);
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      commit(pending);
      clientMetrics.close();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pollOnce(Map<TopicPartition, OffsetAndMetadata> pending) {
    var records = consumer.poll(POLL);
    if (batched) {
      pollBatch(records, pending);
      return;
    }
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!process(record)) {
          // Retry this record (and what follows it) after a pause, in order.
          consumer.seek(partition, record.offset());
          sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
          break;
        }
        backoffMs = 100;
        pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    commit(pending);
  }

  /**
   * Applies every record of a poll in one transaction; when that fails for a reason that may pass,
   * every partition goes back to its first record of the poll and the poll is retried after a
   * pause; when a rule refuses one of them, they are applied one at a time instead.
   */
  private void pollBatch(
      org.apache.kafka.clients.consumer.ConsumerRecords<String, byte[]> records,
      Map<TopicPartition, OffsetAndMetadata> pending) {
    if (records.isEmpty()) {
      commit(pending);
      return;
    }
    List<Parsed> work = new java.util.ArrayList<>();
    // Where every partition of the poll starts and ends, before anything is read: a retry must go
    // back on all of them, also on those after the record that made the poll stop.
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, Long> next = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> ofPartition = records.records(partition);
      first.put(partition, ofPartition.get(0).offset());
      next.put(partition, ofPartition.get(ofPartition.size() - 1).offset() + 1);
    }
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        Parsed parsed;
        try {
          parsed = parse(record);
        } catch (NotYet e) {
          parsed = null;
          work = null;
          break;
        }
        if (parsed != null) {
          work.add(parsed);
        }
      }
      if (work == null) {
        break;
      }
    }
    if (work == null || (!work.isEmpty() && !applyBatch(work))) {
      first.forEach(consumer::seek);
      sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      return;
    }
    backoffMs = 100;
    next.forEach((partition, offset) -> pending.put(partition, new OffsetAndMetadata(offset)));
    // A poll that applied nothing (the records were of types passed over, such as the events the
    // consumer's own answers caused) commits at most once a second, or at the next poll that
    // applies
    // something, finds nothing, or at a rebalance or close: redelivered, such records are passed
    // over
    // again, so a commit per poll would only cost the broker a write for each of them.
    if (!work.isEmpty() || System.nanoTime() - lastCommitNanos >= PASSED_OVER_COMMIT_NANOS) {
      commit(pending);
    }
  }

  /** The record's event, or null when it is passed over or was dead-lettered. */
  private Parsed parse(ConsumerRecord<String, byte[]> record) {
    String headerType = EventHeaders.typeOf(record.headers());
    if (headerType != null && !interestedIn.test(headerType)) {
      return null; // passed over without parsing the value
    }
    try {
      EventEnvelope envelope = codec.read(record.value());
      if (!interestedIn.test(envelope.type())) {
        return null;
      }
      Optional<DomainEvent> event = codec.data(envelope);
      if (event.isEmpty()) {
        deadLetterOrRetry(record, "unknown event type " + envelope.type());
        return null;
      }
      var traceparent = record.headers().lastHeader(Tracing.TRACEPARENT);
      return new Parsed(
          record,
          new Delivery(
              envelope,
              event.get(),
              traceparent == null
                  ? null
                  : new String(traceparent.value(), StandardCharsets.UTF_8)));
    } catch (UnreadableEventException e) {
      deadLetterOrRetry(record, e.getMessage());
      return null;
    }
  }

  /** A record that could not even be dead-lettered yet (the database is away): retry the poll. */
  private static final class NotYet extends RuntimeException {
    NotYet() {
      super(null, null, false, false);
    }
  }

  private void deadLetterOrRetry(ConsumerRecord<String, byte[]> record, String reason) {
    if (!deadLetter(record, reason)) {
      throw new NotYet();
    }
  }

  /**
   * True when every record was applied (or found a duplicate, or dead-lettered on its own). Per
   * key, a failed key's poll is retried whole: the keys applied before it find their events in the
   * inbox then.
   */
  private boolean applyBatch(List<Parsed> work) {
    if (!perKey) {
      return applyTogether(work);
    }
    Map<String, List<Parsed>> byKey = new java.util.LinkedHashMap<>();
    int unkeyed = 0;
    for (Parsed parsed : work) {
      String key = parsed.record().key();
      byKey
          .computeIfAbsent(
              key != null ? "k" + key : "u" + unkeyed++, k -> new java.util.ArrayList<>())
          .add(parsed);
    }
    for (List<Parsed> ofKey : byKey.values()) {
      if (!applyTogether(ofKey)) {
        return false;
      }
    }
    return true;
  }

  /** Applies the records in one transaction; one at a time if a rule refuses one of them. */
  private boolean applyTogether(List<Parsed> work) {
    Span span =
        Tracing.start(
            name + " process batch", SpanKind.CONSUMER, io.opentelemetry.context.Context.root());
    try (Scope scope = span.makeCurrent()) {
      QuarkusTransaction.requiringNew().run(() -> applyAllOnce(work));
      lastFailure = null;
      return true;
    } catch (RuntimeException e) {
      span.recordException(e);
      if (findRuleViolation(e) != null) {
        for (Parsed parsed : work) {
          if (!process(parsed.record())) {
            return false;
          }
        }
        return true;
      }
      lastFailure =
          work.size()
              + " events from "
              + work.get(0).delivery().envelope().type()
              + " "
              + work.get(0).delivery().envelope().id()
              + ": "
              + e;
      LOG.warnf(e, "%s: cannot apply a batch of %d events yet, will retry", name, work.size());
      retried.increment();
      return false;
    } finally {
      span.end();
    }
  }

  private void applyAllOnce(List<Parsed> work) {
    try {
      List<Parsed> fresh = claimAll(work);
      if (!fresh.isEmpty()) {
        handler.handle(fresh.stream().map(Parsed::delivery).toList());
      }
      applied.increment(fresh.size());
      duplicates.increment(work.size() - fresh.size());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Inserts every event id into the inbox in one statement; the events not seen before, in order.
   */
  private List<Parsed> claimAll(List<Parsed> work) throws SQLException {
    Map<String, Parsed> byId = new java.util.LinkedHashMap<>();
    for (Parsed parsed : work) {
      byId.putIfAbsent(parsed.delivery().envelope().id(), parsed);
    }
    int n = byId.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] topics = new String[n];
    Integer[] partitions = new Integer[n];
    Long[] offsets = new Long[n];
    int i = 0;
    for (Parsed parsed : byId.values()) {
      ids[i] = parsed.delivery().envelope().id();
      types[i] = parsed.delivery().envelope().type();
      topics[i] = parsed.record().topic();
      partitions[i] = parsed.record().partition();
      offsets[i] = parsed.record().offset();
      i++;
    }
    java.util.Set<String> inserted = new java.util.HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)"
                    + " SELECT ?, e, t, tp, p, o FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int4[], ?::int8[])"
                    + " AS r(e, t, tp, p, o) ON CONFLICT DO NOTHING RETURNING event_id")) {
      insert.setString(1, name);
      insert.setArray(2, connection.createArrayOf("varchar", ids));
      insert.setArray(3, connection.createArrayOf("varchar", types));
      insert.setArray(4, connection.createArrayOf("varchar", topics));
      insert.setArray(5, connection.createArrayOf("int4", partitions));
      insert.setArray(6, connection.createArrayOf("int8", offsets));
      try (var rs = insert.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    return byId.values().stream()
        .filter(p -> inserted.contains(p.delivery().envelope().id()))
        .toList();
  }

  /** True when the record is done with (applied, duplicate, uninteresting or dead-lettered). */
  private boolean process(ConsumerRecord<String, byte[]> record) {
    String headerType = EventHeaders.typeOf(record.headers());
    if (headerType != null && !interestedIn.test(headerType)) {
      return true; // passed over without parsing the value
    }
    EventEnvelope envelope;
    Optional<DomainEvent> event;
    try {
      envelope = codec.read(record.value());
      if (!interestedIn.test(envelope.type())) {
        return true;
      }
      event = codec.data(envelope);
      if (event.isEmpty()) {
        return deadLetter(record, "unknown event type " + envelope.type());
      }
    } catch (UnreadableEventException e) {
      return deadLetter(record, e.getMessage());
    }
    Span span =
        Tracing.start(
            record.topic() + " process", SpanKind.CONSUMER, Tracing.fromHeaders(record.headers()));
    try (Scope scope = span.makeCurrent()) {
      MDC.put("traceId", span.getSpanContext().getTraceId());
      MDC.put("correlationId", String.valueOf(envelope.correlationid()));
      QuarkusTransaction.requiringNew().run(() -> applyOnce(record, envelope, event.get()));
      lastFailure = null;
      return true;
    } catch (RuntimeException e) {
      span.recordException(e);
      RuleViolation violation = findRuleViolation(e);
      if (violation != null) {
        LOG.warnf(
            "%s: %s %s refused by rule %s: %s",
            name, envelope.type(), envelope.id(), violation.ruleName(), violation.getMessage());
        return deadLetter(
            record, "refused by rule " + violation.ruleName() + ": " + violation.getMessage());
      }
      lastFailure = envelope.type() + " " + envelope.id() + ": " + e;
      LOG.warnf(e, "%s: cannot apply %s %s yet, will retry", name, envelope.type(), envelope.id());
      retried.increment();
      return false;
    } finally {
      span.end();
      MDC.remove("traceId");
      MDC.remove("correlationId");
    }
  }

  private void applyOnce(
      ConsumerRecord<String, byte[]> record, EventEnvelope envelope, DomainEvent event) {
    try {
      if (claim(record, envelope)) {
        var traceparent = record.headers().lastHeader(Tracing.TRACEPARENT);
        handler.handle(
            List.of(
                new Delivery(
                    envelope,
                    event,
                    traceparent == null
                        ? null
                        : new String(traceparent.value(), StandardCharsets.UTF_8))));
        applied.increment();
      } else {
        duplicates.increment();
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean claim(ConsumerRecord<String, byte[]> record, EventEnvelope envelope)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, name);
      insert.setString(2, envelope.id());
      insert.setString(3, envelope.type());
      insert.setString(4, record.topic());
      insert.setInt(5, record.partition());
      insert.setLong(6, record.offset());
      return insert.executeUpdate() == 1;
    }
  }

  private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    try {
      QuarkusTransaction.requiringNew().run(() -> insertDeadLetter(record, reason));
      deadLettered.increment();
      LOG.errorf(
          "%s: dead-lettered %s-%d@%d: %s",
          name, record.topic(), record.partition(), record.offset(), reason);
      return true;
    } catch (RuntimeException e) {
      lastFailure = "cannot dead-letter: " + e;
      return false;
    }
  }

  private void insertDeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO inbox_dead_letter (consumer, topic, kafka_partition, kafka_offset, record_key,"
                    + " record_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, name);
      insert.setString(2, record.topic());
      insert.setInt(3, record.partition());
      insert.setLong(4, record.offset());
      insert.setString(5, record.key());
      insert.setString(
          6,
          record.value() == null
              ? null
              : new String(record.value(), StandardCharsets.UTF_8).replace('\0', '?'));
      insert.setString(7, reason);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> pending) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(pending, Duration.ofSeconds(10));
      pending.clear();
      lastCommitNanos = System.nanoTime();
    } catch (RuntimeException e) {
      // Redelivery after a failed commit is harmless: the inbox makes it a no-op.
      LOG.debugf("%s: offset commit deferred: %s", name, e.getMessage());
    }
  }

  private static RuleViolation findRuleViolation(Throwable throwable) {
    for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RuleViolation violation) {
        return violation;
      }
    }
    return null;
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
