package jp.grants.platform.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.CheckpointSigned;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventHeaders;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.messaging.KafkaClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Sends stored checkpoints to the service's checkpoint topic ({@link ChainHeads#topic()}, e.g.
 * grant-service's {@code audit-checkpoints}): the checkpoint table is the outbox. Every checkpoint
 * not yet published goes out in index order, keyed by the log id; it is marked published only after
 * the broker acknowledged it (acks=all), so a broker outage delays, never loses, one, and a retry's
 * duplicate carries the same event id. Woken after each checkpoint and every ten seconds.
 */
@Singleton
public class CheckpointPublisher {
  private static final Logger LOG = Logger.getLogger(CheckpointPublisher.class);
  private static final byte[] CONTENT_TYPE =
      EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  @Inject DataSource dataSource;
  @Inject CheckpointLog log;
  @Inject KafkaClients clients;
  @Inject EnvelopeCodec codec;

  private ScheduledExecutorService worker;
  private KafkaProducer<String, byte[]> producer;

  void start(@Observes StartupEvent event) {
    if (!log.kept()) {
      return; // a service without chains publishes no checkpoints
    }
    worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "checkpoint-publisher"));
    worker.scheduleWithFixedDelay(this::publishQuietly, 1, 10, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (worker != null) {
      worker.shutdownNow();
    }
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }

  /** Publishes soon (after the caller's checkpoint has committed). */
  public void wake() {
    if (worker != null) {
      worker.execute(this::publishQuietly);
    }
  }

  private void publishQuietly() {
    try {
      publishPending();
    } catch (RuntimeException e) {
      LOG.warnf("checkpoints not published yet (retried): %s", e.getMessage());
    }
  }

  void publishPending() {
    ChainHeads chain = log.chain();
    for (Checkpoint checkpoint : pending()) {
      EventEnvelope envelope =
          codec.wrap(
              UUID.nameUUIDFromBytes(
                      (chain.logId() + "/" + checkpoint.index()).getBytes(StandardCharsets.UTF_8))
                  .toString(),
              "/" + chain.service(),
              Instant.parse(checkpoint.timestamp()),
              null, // the envelope's sequence is a grant stream's; the index is in the data
              new EventMetadata(null, null, null, null, null),
              CheckpointSigned.of(chain.logId(), checkpoint));
      var record =
          new ProducerRecord<String, byte[]>(
              chain.topic(), envelope.subject(), codec.write(envelope));
      record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
      EventHeaders.addType(record.headers(), envelope.type());
      try {
        producer().send(record).get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        throw new IllegalStateException(
            "Kafka did not acknowledge checkpoint " + checkpoint.index(), e);
      }
      markPublished(checkpoint.index());
    }
  }

  private List<Checkpoint> pending() {
    List<Checkpoint> pending = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT * FROM audit_checkpoint WHERE published_at IS NULL"
                    + " ORDER BY checkpoint_index LIMIT 100");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        pending.add(CheckpointLog.checkpoint(rs));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the checkpoint outbox", e);
    }
    return pending;
  }

  private void markPublished(long index) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE audit_checkpoint SET published_at = now() WHERE checkpoint_index = ?")) {
      s.setLong(1, index);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot mark checkpoint " + index + " published", e);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = clients.producer(log.chain().topic());
    }
    return producer;
  }
}
