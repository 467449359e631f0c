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
   * The event id is derived from the review, the event type and the review's round (how many of its
   * decisions the grant refused), so one review can never publish two ReviewOpened events, nor two
   * ReviewCompleted or ReviewReopened in one round: the outbox's unique event id refuses the
   * second.
   */
  public EventEnvelope publish(ReviewEvent event, int round, EventMetadata metadata) {
    String eventId = eventId(event, round);
    EventEnvelope envelope =
        codec.wrap(eventId, config.eventSource(), Instant.now(), null, metadata, event);
    outbox.append(Topics.REVIEW_EVENTS, envelope);
    return envelope;
  }

  /** An event of a review's first round (ReviewOpened, a first ReviewCompleted). */
  public EventEnvelope publish(ReviewEvent event, EventMetadata metadata) {
    return publish(event, 0, metadata);
  }

  public static String eventId(ReviewEvent event, int round) {
    return eventId(event.getClass(), event.reviewId(), round);
  }

  /** Round 0 keeps the ids events had before decisions could be refused. */
  public static String eventId(Class<? extends ReviewEvent> type, UUID reviewId, int round) {
    String name = type.getSimpleName() + ":" + reviewId + (round == 0 ? "" : ":" + round);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
