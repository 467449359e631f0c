package jp.grants.review.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the real review-events topic with a consumer of our own, from the beginning to its end as
 * of the moment every outbox row was acknowledged by the broker: what it returns is everything the
 * service has published, so "exactly one" can be asserted without waiting for time to pass.
 */
public final class ReviewEventsTopic {
  private ReviewEventsTopic() {}

  /** A published record: its key and its envelope. */
  public record Published(String key, EventEnvelope envelope) {}

  public static List<Published> ofGrant(UUID grantId) {
    awaitOutboxRelayed();
    return readToEnd(Topics.REVIEW_EVENTS).stream()
        .filter(p -> grantId.toString().equals(p.envelope().subject()))
        .toList();
  }

  public static void awaitOutboxRelayed() {
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              try (Connection c = dataSource.getConnection();
                  ResultSet rs =
                      c.createStatement()
                          .executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
                rs.next();
                return rs.getLong(1) == 0;
              }
            });
  }

  /** Every record on a topic from its beginning to its end as of now (review-checkpoints, too). */
  public static List<Published> readToEnd(String topic) {
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<Published> published = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  published.add(new Published(record.key(), Envelopes.read(record.value())));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
    }
    return published;
  }
}
