package jp.grants.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Producers and consumers built from the service's {@code kafka.*} configuration, with the settings
 * that delivery guarantees depend on fixed here rather than left to each caller.
 */
@ApplicationScoped
public class KafkaClients {
  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> config;

  @ConfigProperty(name = "quarkus.application.name")
  String application;

  /** acks=all and idempotence: a record acknowledged is stored, and a retry never duplicates it. */
  public KafkaProducer<String, byte[]> producer(String purpose) {
    Map<String, Object> properties = base();
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-" + purpose);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(properties);
  }

  /** Manual commits only, from the earliest offset for a new group: nothing is skipped. */
  public KafkaConsumer<String, byte[]> consumer(String groupId) {
    return consumer(groupId, Map.of());
  }

  /**
   * The same, with settings of this consumer's own that do not touch the guarantees (fetch sizes,
   * waits).
   */
  public KafkaConsumer<String, byte[]> consumer(String groupId, Map<String, Object> overrides) {
    Map<String, Object> properties = base();
    properties.putAll(overrides);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ProcessHandle.current().pid());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(properties);
  }

  private Map<String, Object> base() {
    Map<String, Object> properties = new HashMap<>();
    config.forEach(
        (key, value) -> {
          // quarkus-kafka-client's own settings are not Kafka client properties
          if (!key.startsWith("health")
              && !key.startsWith("devservices")
              && !key.startsWith("snappy")) {
            properties.put(key, value);
          }
        });
    return properties;
  }

  public String applicationName() {
    return application;
  }
}
