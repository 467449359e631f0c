package jp.grants.review.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The review-service's own settings ({@code review.*}). */
@ConfigMapping(prefix = "review")
public interface ReviewServiceConfig {
  /** The {@code source} of every event this service publishes. */
  @WithDefault("/review-service")
  String eventSource();

  GrantEvents grantEvents();

  /** The most reviews one list request returns. */
  @WithDefault("200")
  int maxListSize();

  /** How the service follows grant-events. */
  interface GrantEvents {
    @WithDefault("true")
    boolean enabled();

    /** Kafka group id and inbox key of the consumer. */
    @WithDefault("review-service")
    String consumerName();
  }
}
