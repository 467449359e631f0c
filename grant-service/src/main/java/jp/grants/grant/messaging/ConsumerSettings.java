package jp.grants.grant.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Kafka consumers of grant-service: each name is its consumer group and its inbox's name, so a
 * change starts the consumer over from the topic's oldest record (the inbox keeps the effect
 * exactly once, but the history is read again).
 */
@ConfigMapping(prefix = "grants.consumers")
public interface ConsumerSettings {
  /** The consumer of ledger-events (the ledger's answers: payments, refusals, settlements). */
  @WithDefault("grant-service-ledger-events")
  String ledgerEvents();

  /** The consumer of review-events (the committees' decisions). */
  @WithDefault("grant-service-review-events")
  String reviewEvents();
}
