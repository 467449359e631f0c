package jp.grants.platform.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts a service's checkpoint log: checks its signing key at start (a wrong or missing key stops
 * the service, not its first checkpoint), then takes a checkpoint every {@code
 * grants.audit.checkpoint.interval} (if some grant's head moved since the last one); an interval of
 * 0 turns the timer off (tests take theirs on request). Nothing in a service without chains.
 */
@Singleton
public class CheckpointScheduler {
  private static final Logger LOG = Logger.getLogger(CheckpointScheduler.class);

  @Inject CheckpointSettings settings;
  @Inject CheckpointLog log;
  @Inject CheckpointKeys keys;

  private ScheduledExecutorService timer;

  void start(@Observes StartupEvent event) {
    if (!log.kept()) {
      return;
    }
    LOG.infof("%s checkpoints are signed with key %s", log.chain().service(), keys.keyId());
    long seconds = settings.interval().toSeconds();
    if (seconds <= 0) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "checkpoint-timer"));
    timer.scheduleWithFixedDelay(this::checkpoint, seconds, seconds, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void checkpoint() {
    try {
      log.takeIfChanged("scheduled")
          .ifPresent(
              c ->
                  LOG.infof(
                      "checkpoint %d: %d grants, root %s", c.index(), c.treeSize(), c.rootHash()));
    } catch (RuntimeException e) {
      LOG.warnf(
          "scheduled checkpoint failed (tried again at the next interval): %s", e.getMessage());
    }
  }
}
