package jp.grants.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads a topic of the real broker from the start, as an outside subscriber would. */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  public TopicReader(String topic) {
    this.topic = topic;
    Properties p = new Properties();
    p.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
  }

  /** The records of one grant (by key) once at least {@code count} have arrived, in topic order. */
  public List<ConsumerRecord<String, byte[]>> recordsOf(UUID grantId, int count) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
              }
              return seen.stream().filter(r -> grantId.toString().equals(r.key())).count() >= count;
            });
    return seen.stream().filter(r -> grantId.toString().equals(r.key())).toList();
  }

  public List<EventEnvelope> envelopesOf(UUID grantId, int count) {
    return recordsOf(grantId, count).stream().map(this::readChecked).toList();
  }

  /**
   * The record's envelope, checked: a grant event is published as its stored JSON, and its record
   * is byte for byte the envelope of the event read from it, written again.
   */
  private EventEnvelope readChecked(ConsumerRecord<String, byte[]> record) {
    EventEnvelope envelope = codec.read(record.value());
    if (Topics.GRANT_EVENTS.equals(topic)) {
      DomainEvent event = codec.data(envelope).orElseThrow();
      byte[] again =
          codec.write(
              codec.wrap(
                  envelope.id(),
                  envelope.source(),
                  envelope.time().toInstant(),
                  envelope.sequence(),
                  new EventMetadata(
                      envelope.correlationid(),
                      envelope.causationid(),
                      envelope.actor(),
                      envelope.actorrole(),
                      envelope.catalogversion()),
                  event));
      assertThat(new String(record.value(), StandardCharsets.UTF_8))
          .as("the published bytes of " + envelope.type())
          .isEqualTo(new String(again, StandardCharsets.UTF_8));
      assertThat(record.key()).isEqualTo(event.grantId().toString());
    }
    return envelope;
  }

  /** Keeps reading for a while, then returns everything of the grant seen so far. */
  public List<EventEnvelope> settle(UUID grantId, Duration quiet) {
    long end = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < end) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        seen.add(r);
      }
    }
    return seen.stream()
        .filter(r -> grantId.toString().equals(r.key()))
        .map(this::readChecked)
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
