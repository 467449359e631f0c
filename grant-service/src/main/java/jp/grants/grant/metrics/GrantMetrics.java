package jp.grants.grant.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grant-service's own counters, on {@code /q/metrics} (Prometheus); the event store's head and
 * the processors' lag are {@code axon/ProcessorMetrics}'s:
 *
 * <ul>
 *   <li>{@code grants_commands_total{command,outcome,rule}}: commands handled (outcome=accepted)
 *       and refused (outcome=refused, with the rule; conflict and stale-version refusals too);
 *   <li>{@code grants_events_appended_total{type}} and {@code grants_events_published_total{type}}:
 *       events committed to the event store, and acknowledged by Kafka.
 * </ul>
 */
@ApplicationScoped
public class GrantMetrics {
  @Inject MeterRegistry registry;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public void commandAccepted(String command) {
    counter("grants_commands_total", "command", command, "outcome", "accepted", "rule", "")
        .increment();
  }

  public void commandRefused(String command, String rule) {
    counter("grants_commands_total", "command", command, "outcome", "refused", "rule", rule)
        .increment();
  }

  public void eventAppended(String type) {
    counter("grants_events_appended_total", "type", type).increment();
  }

  public void eventPublished(String type) {
    counter("grants_events_published_total", "type", type).increment();
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join("|", tags);
    return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
  }
}
