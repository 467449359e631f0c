package jp.grants.contracts.review;

import java.util.UUID;
import jp.grants.contracts.DomainEvent;

/** Events of the review-service, published on {@code review-events}. */
public sealed interface ReviewEvent extends DomainEvent
    permits ReviewOpened, ReviewCompleted, ReviewReopened {
  UUID reviewId();
}
