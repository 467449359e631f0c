package jp.grants.bench.raw;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw baseline of publication: a plain KafkaProducer with the settings the services' publisher
 * uses (platform KafkaClients: acks=all, idempotence on, 5 requests in flight, linger 2 ms),
 * sending records of the same size, keyed like grant events, to a topic of the benchmarks' own with
 * as many partitions as {@code grant-events}.
 */
public final class RawProducer implements AutoCloseable {
  public static final String TOPIC = "bench-raw-publication";

  private final KafkaProducer<String, byte[]> producer;

  public RawProducer(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  /** Creates the raw topic with the partitions of {@code like}, unless it exists. */
  public static void createTopic(Admin admin, String like)
      throws ExecutionException, InterruptedException, TimeoutException {
    int partitions =
        admin
            .describeTopics(List.of(like))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(like)
            .partitions()
            .size();
    try {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * Sends {@code count} records as fast as the producer takes them; returns when all are
   * acknowledged.
   */
  public Duration burst(int count, byte[] value, List<String> keys)
      throws InterruptedException, ExecutionException {
    long began = System.nanoTime();
    Future<RecordMetadata> last = null;
    for (int i = 0; i < count; i++) {
      last = producer.send(new ProducerRecord<>(TOPIC, keys.get(i % keys.size()), value));
    }
    producer.flush();
    if (last != null) {
      last.get();
    }
    return Duration.ofNanos(System.nanoTime() - began);
  }

  /** One record stamped with the time it is sent; waits for its acknowledgement. */
  public void sendNow(String key, byte[] value) throws InterruptedException, ExecutionException {
    producer.send(new ProducerRecord<>(TOPIC, null, System.currentTimeMillis(), key, value)).get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
