package jp.grants.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ledger-service's own settings ({@code grants.ledger.*}). */
@ConfigMapping(prefix = "grants.ledger")
public interface LedgerConfig {
  GrantEvents grantEvents();

  /** The consumer of {@code grant-events}. */
  interface GrantEvents {
    /** Off only for tools that must not touch the topic. */
    @WithDefault("true")
    boolean enabled();

    /** The consumer's Kafka group id and its name in the inbox. */
    @WithDefault("ledger-service.grant-events")
    String consumer();
  }
}
