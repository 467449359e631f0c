package jp.grants.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay's settings ({@code grants.outbox.*}), alike in every service. */
@ConfigMapping(prefix = "grants.outbox")
public interface OutboxSettings {
  /** Whether this instance relays the outbox to Kafka ({@code GRANTS_OUTBOX_ENABLED}). */
  @WithDefault("true")
  boolean enabled();

  /**
   * How long an idle relay waits for a wake-up before it looks at the table anyway, in ms ({@code
   * GRANTS_OUTBOX_IDLE_POLL_MS}); a commit in the same instance wakes it at once.
   */
  @WithDefault("2000")
  long idlePollMs();
}
