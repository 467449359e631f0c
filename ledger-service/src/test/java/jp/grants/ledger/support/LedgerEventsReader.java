package jp.grants.ledger.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.platform.messaging.EnvelopeCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@code ledger-events} from the beginning as any other service would, and keeps every answer
 * by disbursement id (duplicates included, so that tests can count them).
 */
public final class LedgerEventsReader implements AutoCloseable {
  /** One record read: its key, its envelope and the event inside. */
  public record Answer(String key, EventEnvelope envelope, LedgerEvent event) {}

  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<UUID, List<Answer>> answers = new ConcurrentHashMap<>();

  public LedgerEventsReader() {
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(properties);
    consumer.subscribe(List.of(Topics.LEDGER_EVENTS));
  }

  /** Reads until every one of the disbursements has an answer; fails after a minute. */
  public Map<UUID, List<Answer>> awaitAnswers(Collection<UUID> disbursementIds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Set<UUID> wanted = Set.copyOf(disbursementIds);
    while (!answers.keySet().containsAll(wanted)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no answer on ledger-events for "
                + wanted.stream()
                    .filter(id -> !answers.containsKey(id))
                    .collect(Collectors.toList()));
      }
      poll(Duration.ofMillis(200));
    }
    return answers.entrySet().stream()
        .filter(e -> wanted.contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public Answer awaitAnswer(UUID disbursementId) {
    List<Answer> found = awaitAnswers(List.of(disbursementId)).get(disbursementId);
    return found.get(0);
  }

  /** Keeps reading for a while, so that a duplicate that was going to come has come. */
  public void drain(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      poll(Duration.ofMillis(200));
    }
  }

  public List<Answer> answersTo(UUID disbursementId) {
    return answers.getOrDefault(disbursementId, List.of());
  }

  private void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      EventEnvelope envelope = codec.read(record.value());
      LedgerEvent event = (LedgerEvent) codec.data(envelope).orElseThrow();
      answers
          .computeIfAbsent(event.operationId(), id -> new ArrayList<>())
          .add(new Answer(record.key(), envelope, event));
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
