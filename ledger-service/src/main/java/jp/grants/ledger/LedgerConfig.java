package jp.grants.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ledger-service's own settings ({@code grants.ledger.*}). */
@ConfigMapping(prefix = "grants.ledger")
public interface LedgerConfig {
  GrantEvents grantEvents();

  Engine engine();

  /** The disbursement engine: a bounded queue in front of the database, drained in batches. */
  interface Engine {
    /** Requests waiting at most; one more is answered 503 with Retry-After at once. */
    @WithDefault("4096")
    int queueCapacity();

    /** Requests answered in one transaction at most. */
    @WithDefault("256")
    int maxBatch();

    /** A request that waited longer than this is answered 503 without being carried out. */
    @WithDefault("5s")
    Duration maxWait();

    /** The Retry-After of a 503, in seconds. */
    @WithDefault("1")
    int retryAfterSeconds();
  }

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
