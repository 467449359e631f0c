package jp.grants.bench.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer that reads every partition of a topic from its current end, without a consumer group
 * (it commits nothing and disturbs no service's group), and hands each record to a listener with
 * the instant it arrived. Ready when its constructor returns.
 */
public final class TopicProbe implements AutoCloseable {
  /** Gets each record as it arrives. */
  @FunctionalInterface
  public interface Listener {
    void received(ConsumerRecord<String, byte[]> record, Instant at);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch positioned = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  public TopicProbe(String bootstrapServers, String topic, Listener listener) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(properties);
    thread = new Thread(() -> poll(topic, listener), "bench-probe-" + topic);
    thread.setDaemon(true);
    thread.start();
    try {
      if (!positioned.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the probe on " + topic + " found no partitions in 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void poll(String topic, Listener listener) {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30))); // resolve the end now
    } catch (RuntimeException e) {
      failure = e;
      positioned.countDown();
      return;
    }
    positioned.countDown();
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        Instant at = Instant.now();
        for (ConsumerRecord<String, byte[]> record : records) {
          listener.received(record, at);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
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
