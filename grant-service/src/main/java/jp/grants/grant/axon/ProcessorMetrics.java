package jp.grants.grant.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The event store's meters, on {@code /q/metrics} (Prometheus):
 *
 * <ul>
 *   <li>{@code grants_event_store_head}: the newest global index in the event store;
 *   <li>{@code grants_processor_lag_events{processor,segment}}: how far each segment of each
 *       streaming processor is behind that head ({@code kafka-publisher}'s lag is the publication
 *       lag: events stored but not yet acknowledged by Kafka).
 * </ul>
 */
@ApplicationScoped
public class ProcessorMetrics {
  @Inject MeterRegistry registry;
  @Inject DataSource dataSource;
  @Inject AxonRuntime axon;

  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "grant-processor-metrics");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * The head is read again at least this often even when this instance appended nothing (events of
   * another instance), so an idle service asks its database for it once a minute, not every 5 s.
   */
  private static final long HEAD_READ_NANOS = TimeUnit.SECONDS.toNanos(60);

  private volatile long head = -1;
  private long headReadAt;
  private long appendsAtHeadRead = -1;
  private MultiGauge processorLag;

  void register(@Observes StartupEvent event) {
    Gauge.builder("grants_event_store_head", this, m -> m.head)
        .description("newest global index in the event store")
        .register(registry);
    processorLag =
        MultiGauge.builder("grants_processor_lag_events")
            .description("events between the store's head and each processor segment's position")
            .register(registry);
    refresher.scheduleWithFixedDelay(this::refresh, 1, 5, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    refresher.shutdownNow();
  }

  /**
   * Reads every claimed segment's position, and the head when this instance has appended events
   * since it last read it (or a minute has passed); runs every few seconds, off the request path.
   */
  private void refresh() {
    try {
      long appends = axon.committedAppends();
      long now = System.nanoTime();
      if (appends != appendsAtHeadRead || now - headReadAt >= HEAD_READ_NANOS) {
        head = readHead();
        headReadAt = now;
        appendsAtHeadRead = appends;
      }
      if (!axon.isStarted()) {
        return;
      }
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      axon.configuration()
          .eventProcessingConfiguration()
          .eventProcessors()
          .forEach(
              (name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                  streaming
                      .processingStatus()
                      .forEach(
                          (segment, status) -> {
                            if (status.getCurrentPosition().isPresent()) {
                              long lag =
                                  Math.max(0, head - status.getCurrentPosition().getAsLong());
                              rows.add(
                                  MultiGauge.Row.of(
                                      Tags.of("processor", name, "segment", segment.toString()),
                                      lag));
                            }
                          });
                }
              });
      processorLag.register(rows, true);
    } catch (RuntimeException e) {
      // the database may be away: the gauges keep their last values and readiness says why
    }
  }

  private long readHead() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
