package jp.grants.grant.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MultiGauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import jp.grants.grant.axon.AxonRuntime;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The grant-service's own meters, on {@code /q/metrics} (Prometheus):
 *
 * <ul>
 *   <li>{@code grants_commands_total{command,outcome,rule}}: commands handled (outcome=accepted) and
 *       refused (outcome=refused, with the rule; conflict and stale-version refusals too);
 *   <li>{@code grants_events_appended_total{type}} and {@code grants_events_published_total{type}}:
 *       events committed to the event store, and acknowledged by Kafka;
 *   <li>{@code grants_event_store_head}: the newest global index in the event store;
 *   <li>{@code grants_processor_lag_events{processor,segment}}: how far each segment of each
 *       streaming processor is behind that head ({@code kafka-publisher}'s lag is the publication
 *       lag: events stored but not yet acknowledged by Kafka).
 * </ul>
 */
@ApplicationScoped
public class GrantMetrics {
  @Inject MeterRegistry registry;
  @Inject DataSource dataSource;
  @Inject AxonRuntime axon;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "grant-metrics");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long head = -1;
  private MultiGauge processorLag;

  void register(@Observes StartupEvent event) {
    Gauge.builder("grants_event_store_head", this, m -> m.head)
        .description("newest global index in the event store").register(registry);
    processorLag = MultiGauge.builder("grants_processor_lag_events")
        .description("events between the store's head and each processor segment's position")
        .register(registry);
    refresher.scheduleWithFixedDelay(this::refresh, 1, 5, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    refresher.shutdownNow();
  }

  /** Reads the head and every claimed segment's position; runs every few seconds, off the request path. */
  private void refresh() {
    try {
      head = readHead();
      if (!axon.isStarted()) {
        return;
      }
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (String processor : List.of(AxonRuntime.PUBLISHER, AxonRuntime.READ_MODEL)) {
        axon.configuration().eventProcessingConfiguration().eventProcessor(processor, StreamingEventProcessor.class)
            .ifPresent(p -> p.processingStatus().forEach((segment, status) -> {
              if (status.getCurrentPosition().isPresent()) {
                long lag = Math.max(0, head - status.getCurrentPosition().getAsLong());
                rows.add(MultiGauge.Row.of(Tags.of("processor", processor, "segment", segment.toString()), lag));
              }
            }));
      }
      processorLag.register(rows, true);
    } catch (RuntimeException e) {
      // the database may be away: the gauges keep their last values and readiness says why
    }
  }

  public void commandAccepted(String command) {
    counter("grants_commands_total", "command", command, "outcome", "accepted", "rule", "").increment();
  }

  public void commandRefused(String command, String rule) {
    counter("grants_commands_total", "command", command, "outcome", "refused", "rule", rule).increment();
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

  private long readHead() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
