package jp.grants.grant.axon;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the event store and the tracking processors. */
@ConfigMapping(prefix = "grants.axon")
public interface AxonSettings {
  /** A snapshot is taken after this many events since the last one. */
  @WithDefault("50")
  int snapshotThreshold();

  /** Segments of each streaming processor: the unit of work split across instances. */
  @WithDefault("4")
  int segments();

  /**
   * Segments (threads) of the Kafka publisher. Each thread of a tracking processor reads the whole
   * stream and stores its token after every batch, also when no event of the batch was its own, so
   * more segments cost token writes on every event; one thread keeps up with the store on our
   * machines (see bench/README.md). Another instance takes the segment over when this one dies.
   * Counts only when the processor's tokens are first created.
   */
  @WithDefault("1")
  int publisherSegments();

  /** Events per processor transaction. */
  @WithDefault("100")
  int batchSize();

  /**
   * Milliseconds the event store's readers wait before looking for new events again when they found
   * none (Axon's default). A commit in this instance wakes them at once (WakeableEventStore), so
   * this bounds only how late events appended by another instance are seen, and what an idle reader
   * costs (one fetch per delay). Not Axon's default of 1 s: half the idle statements.
   */
  @WithDefault("2000")
  long fetchDelayMillis();

  /**
   * Milliseconds an idle Kafka publisher waits for events before it extends its claim on its
   * segment (one UPDATE of the token's timestamp; the claim lapses after 10 s). New events wake it
   * at once, so this costs no latency; it bounds how long a shutdown waits for the publisher's
   * thread.
   */
  @WithDefault("2000")
  long claimExtensionMillis();

  /**
   * Grants kept in memory between commands (GrantCache; 0: none). A cached grant costs its
   * aggregate's size (a few kB to some tens of kB for a grant with a long history).
   */
  @WithDefault("10000")
  int cacheSize();

  /** Start the streaming processors (publication, read model) with the application. */
  @WithDefault("true")
  boolean processorsEnabled();
}
