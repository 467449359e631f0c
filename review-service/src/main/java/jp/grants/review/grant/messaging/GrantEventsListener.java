package jp.grants.review.grant.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Topics;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.InboxConsumer;
import jp.grants.platform.messaging.KafkaClients;
import jp.grants.platform.schema.SchemaReady;
import jp.grants.review.config.ReviewServiceConfig;
import jp.grants.review.grant.projection.GrantProjection;

/**
 * Follows grant-events once the schema is ready, through the platform's idempotent inbox consumer:
 * a redelivered grant event changes nothing.
 */
@ApplicationScoped
public class GrantEventsListener {
  @Inject KafkaClients clients;
  @Inject DataSource dataSource;
  @Inject EnvelopeCodec codec;
  @Inject ReviewServiceConfig config;
  @Inject GrantEventHandler handler;

  private InboxConsumer consumer;

  void start(@Observes SchemaReady ready) {
    if (!config.grantEvents().enabled()) {
      return;
    }
    Set<String> types =
        GrantProjection.EVENTS.stream()
            .map(EventTypes::nameOf)
            .collect(Collectors.toCollection(HashSet::new));
    types.addAll(GrantEventHandler.OPENING.stream().map(EventTypes::nameOf).toList());
    types.addAll(GrantEventHandler.REOPENING.stream().map(EventTypes::nameOf).toList());
    consumer =
        new InboxConsumer(
                config.grantEvents().consumerName(),
                List.of(Topics.GRANT_EVENTS),
                clients,
                dataSource,
                codec,
                types::contains,
                handler::handle)
            .start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (consumer != null) {
      consumer.close();
    }
  }

  /** The failure being retried, if any: for health and diagnosis. */
  public String lastFailure() {
    return consumer == null ? null : consumer.lastFailure();
  }
}
