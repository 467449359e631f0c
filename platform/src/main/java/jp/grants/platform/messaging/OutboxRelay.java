package jp.grants.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.platform.schema.SchemaReady;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka in the order they were written and marks them published only after the
 * broker acknowledged them (acks=all): a broker outage delays events, never loses them. One
 * instance of a service relays at a time (a PostgreSQL advisory lock elects it); another takes over
 * when it goes away. A crash between send and mark resends: consumers drop duplicates by event id.
 *
 * <p><b>No idle polling storm.</b> {@link Outbox} wakes the relay of its own instance when a
 * transaction that wrote outbox rows commits ({@link #wake()}), so a row is sent at once and an
 * idle relay looks at the table only every {@code grants.outbox.idle-poll-ms} (default 2 s: one
 * statement every two seconds). Rows written by another instance of the service, while this one
 * leads, wait at most that long. (PostgreSQL's LISTEN/NOTIFY would wake across instances too, but a
 * NOTIFY takes a database-wide lock through every notifying commit, which would serialize the
 * writes.)
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final long LOCK_KEY = 0x6f7574626f78L; // "outbox"

  @Inject DataSource dataSource;
  @Inject KafkaClients clients;

  @Inject OutboxSettings settings;

  private final Object wakeUp = new Object();
  private boolean woken;
  private volatile boolean running;
  private volatile long lastPublishedId;
  private io.micrometer.core.instrument.Counter published;
  private Thread thread;

  void start(@Observes SchemaReady ready) {
    if (!settings.enabled()) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /** Rows were committed to the outbox: send them now rather than at the next idle poll. */
  public void wake() {
    synchronized (wakeUp) {
      woken = true;
      wakeUp.notifyAll();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false; // no interrupt: the producer must close cleanly
    wake();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    var published = MessagingMetrics.outboxPublished();
    try (KafkaProducer<String, byte[]> producer = clients.producer("outbox");
        var producerMetrics = MessagingMetrics.bind(producer)) {
      this.published = published;
      while (running) {
        try (Connection leader = dataSource.getConnection()) {
          if (holdsLock(leader)) {
            try {
              relayWhileLeader(leader, producer);
            } finally {
              unlock(leader);
            }
          }
        } catch (SQLException | RuntimeException e) {
          LOG.warnf("outbox relay paused: %s", e.getMessage());
        }
        pause(1000);
      }
    }
  }

  private static boolean holdsLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      try (ResultSet rs = lock.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** The lock belongs to the pooled session: release it before the connection goes back. */
  private static void unlock(Connection connection) {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, LOCK_KEY);
      unlock.execute();
    } catch (SQLException e) {
      // A broken session has released its locks already.
    }
  }

  private void relayWhileLeader(Connection connection, KafkaProducer<String, byte[]> producer)
      throws SQLException {
    while (running) {
      int sent = relayBatch(connection, producer);
      if (sent < BATCH) {
        awaitWakeUp(settings.idlePollMs());
      }
    }
  }

  private int relayBatch(Connection connection, KafkaProducer<String, byte[]> producer)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, topic, record_key, payload, trace_parent, event_type FROM outbox WHERE published_at IS NULL"
                + " ORDER BY id LIMIT "
                + BATCH)) {
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          var record =
              new ProducerRecord<String, byte[]>(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4).getBytes(StandardCharsets.UTF_8));
          record
              .headers()
              .add(
                  new RecordHeader(
                      "content-type",
                      EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
          EventHeaders.addType(record.headers(), rs.getString(6));
          acks.add(send(producer, record, rs.getString(5)));
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    awaitAcks(acks);
    try (PreparedStatement mark =
        connection.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
      Array array = connection.createArrayOf("bigint", ids.toArray());
      mark.setArray(1, array);
      mark.executeUpdate();
    }
    lastPublishedId = ids.get(ids.size() - 1);
    published.increment(ids.size());
    return ids.size();
  }

  /**
   * Sends within a producer span that continues the trace of the transaction that wrote the row.
   */
  private static Future<RecordMetadata> send(
      KafkaProducer<String, byte[]> producer,
      ProducerRecord<String, byte[]> record,
      String traceparent) {
    if (traceparent == null) {
      return producer.send(record);
    }
    Span span =
        Tracing.start(
            record.topic() + " publish", SpanKind.PRODUCER, Tracing.fromTraceparent(traceparent));
    try (Scope scope = span.makeCurrent()) {
      Tracing.inject(Context.current(), record.headers());
      return producer.send(record);
    } finally {
      span.end();
    }
  }

  private void awaitAcks(List<Future<RecordMetadata>> acks) {
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(150, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(
            "Kafka did not acknowledge the outbox batch; it will be sent again", e);
      }
    }
  }

  /** The id of the newest outbox row that Kafka acknowledged, for the lag metrics. */
  public long lastPublishedId() {
    return lastPublishedId;
  }

  /**
   * Waits until {@link #wake()} or the timeout, whichever comes first; a wake-up before the wait
   * counts.
   */
  private void awaitWakeUp(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (wakeUp) {
      try {
        while (!woken && running) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            break;
          }
          wakeUp.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      woken = false;
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
