package jp.grants.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Meters of the inbox and outbox, on every service's {@code /q/metrics}: {@code
 * grants_inbox_events_total{consumer,outcome}} (applied, duplicate, dead_lettered, retried), {@code
 * grants_outbox_published_total}, and the Kafka clients' own meters (consumer lag as {@code
 * kafka_consumer_fetch_manager_records_lag_max}, producer errors and retries).
 */
final class MessagingMetrics {
  private MessagingMetrics() {}

  static MeterRegistry registry() {
    return CDI.current().select(MeterRegistry.class).get();
  }

  static Counter inbox(String consumer, String outcome) {
    return Counter.builder("grants_inbox_events_total")
        .tag("consumer", consumer)
        .tag("outcome", outcome)
        .description("events a consumer received, by what it did with them")
        .register(registry());
  }

  static Counter outboxPublished() {
    return Counter.builder("grants_outbox_published_total")
        .description("outbox rows acknowledged by Kafka")
        .register(registry());
  }

  static KafkaClientMetrics bind(Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
    metrics.bindTo(registry());
    return metrics;
  }

  static KafkaClientMetrics bind(Producer<?, ?> producer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry());
    return metrics;
  }
}
