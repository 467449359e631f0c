package jp.grants.ledger.support;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes grant events to the real broker as the grant-service does: enveloped, keyed by grant.
 */
public final class GrantEventsProducer implements AutoCloseable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final KafkaProducer<String, byte[]> producer;

  public GrantEventsProducer() {
    Properties properties = new Properties();
    properties.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  /** Wraps the event in a new envelope and sends it; returns the envelope. */
  public EventEnvelope send(GrantEvent event) {
    EventEnvelope envelope =
        codec.wrap(
            UUID.randomUUID().toString(),
            "/grant-service",
            Instant.now(),
            SEQUENCE.incrementAndGet(),
            new EventMetadata("corr-" + UUID.randomUUID(), null, "officer-7", "program-officer"),
            event);
    resend(envelope);
    return envelope;
  }

  /** Sends an envelope (again): a redelivery carries the same event id. */
  public void resend(EventEnvelope envelope) {
    try {
      producer
          .send(
              new ProducerRecord<>(Topics.GRANT_EVENTS, envelope.subject(), codec.write(envelope)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish " + envelope.type(), e);
    }
  }

  /**
   * Sends a raw record value with the headers given (name, value pairs), as a foreign producer
   * might.
   */
  public void sendRaw(String key, byte[] value, String... headers) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.GRANT_EVENTS, key, value);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      record
          .headers()
          .add(headers[i], headers[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish a raw record", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
