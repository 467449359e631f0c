package jp.grants.review.review.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.ReviewEvent;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.messaging.Outbox;
import jp.grants.review.config.ReviewServiceConfig;

/**
 * Publishes review events on {@code review-events} through the outbox, in the transaction that
 * changes the review: the event leaves if and only if the change is committed.
 */
@ApplicationScoped
public class ReviewEventPublisher {
  @Inject Outbox outbox;
  @Inject EnvelopeCodec codec;
  @Inject ReviewServiceConfig config;

  /**
   * The event id is derived from the review and the event type, so one review can never publish
   * two ReviewOpened or two ReviewCompleted events: the outbox's unique event id refuses the second.
   */
  public EventEnvelope publish(ReviewEvent event, EventMetadata metadata) {
    String eventId = eventId(event);
    EventEnvelope envelope = codec.wrap(eventId, config.eventSource(), Instant.now(), null, metadata, event);
    outbox.append(Topics.REVIEW_EVENTS, envelope);
    return envelope;
  }

  static String eventId(ReviewEvent event) {
    String name = event.getClass().getSimpleName() + ":" + event.reviewId();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
