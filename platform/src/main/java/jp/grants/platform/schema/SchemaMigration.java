package jp.grants.platform.schema;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates the schema with Flyway when the service starts, and keeps trying while the database is
 * away: the service starts at once, says why it is not ready, and becomes ready by itself when the
 * database comes. Then it fires {@link SchemaReady}.
 */
@ApplicationScoped
@Readiness
public class SchemaMigration implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  @Inject Flyway flyway;
  @Inject Event<SchemaReady> ready;

  private final AtomicReference<String> problem = new AtomicReference<>("not migrated yet");
  private volatile boolean migrated;
  private volatile boolean stopping;
  private Thread worker;

  void onStart(@Observes StartupEvent event) {
    worker = new Thread(this::migrateUntilDone, "schema-migration");
    worker.setDaemon(true);
    worker.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    if (worker != null) {
      worker.interrupt();
    }
  }

  private void migrateUntilDone() {
    if (!migrate()) {
      return;
    }
    try {
      ready.fire(new SchemaReady());
    } catch (RuntimeException e) {
      // The schema is fine; what failed is a component that starts on it. Say so, do not loop.
      migrated = false;
      problem.set("start-up after migration failed: " + rootMessage(e));
      LOG.error("a component failed to start after the schema migration", e);
    }
  }

  /** Migrates, retrying while the database is away; false if the service stopped first. */
  private boolean migrate() {
    int attempt = 0;
    while (!stopping) {
      attempt++;
      try {
        var result = flyway.migrate();
        migrated = true;
        problem.set(null);
        LOG.infof(
            "schema migrated: %d migration(s) applied, now at version %s",
            result.migrationsExecuted,
            flyway.info().current() == null ? "-" : flyway.info().current().getVersion());
        return true;
      } catch (RuntimeException e) {
        String reason = rootMessage(e);
        problem.set("database unavailable: " + reason);
        if (attempt == 1 || attempt % 15 == 0) {
          LOG.warnf(
              "cannot migrate the schema (attempt %d), retrying every %ss: %s",
              attempt, RETRY.toSeconds(), reason);
        }
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  public boolean isMigrated() {
    return migrated;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("Database schema");
    String current = problem.get();
    return migrated
        ? response.up().build()
        : response.down().withData("reason", String.valueOf(current)).build();
  }

  static String rootMessage(Throwable throwable) {
    Throwable root = throwable;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
