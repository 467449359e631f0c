package jp.grants.grant;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.platform.messaging.EnvelopeCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads a topic of the real broker from the start, as an outside subscriber would. */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  public TopicReader(String topic) {
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
    return recordsOf(grantId, count).stream().map(r -> codec.read(r.value())).toList();
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
        .map(r -> codec.read(r.value()))
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
