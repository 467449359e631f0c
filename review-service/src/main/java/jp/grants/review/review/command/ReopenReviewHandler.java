package jp.grants.review.review.command;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewReopened;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.messaging.ReviewEventPublisher;
import jp.grants.review.review.persistence.RefusedDecisionEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import org.jboss.logging.Logger;

/**
 * The grant refused the committee's decision (it had moved on since the review checked it): the
 * review opens again so that the committee can decide anew. The refused decision is kept, in its
 * round, and ReviewReopened is published in the same transaction. Only a refusal of the review's
 * current decision reopens it; a refusal of an earlier round's (already reopened) changes nothing.
 */
@ApplicationScoped
public class ReopenReviewHandler {
  private static final Logger LOG = Logger.getLogger(ReopenReviewHandler.class);

  @Inject ReviewEventPublisher publisher;
  @Inject MeterRegistry registry;

  /** Runs in the transaction of the grant event that causes it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ReviewEntity> handle(CommitteeDecisionRefused refused, Instant refusedAt, EventMetadata metadata) {
    ReviewEntity review = ReviewEntity.lock(refused.reviewId()).orElse(null);
    if (review == null || review.status != ReviewStatus.DECIDED) {
      LOG.infof("refusal of review %s ignored: the review is %s", refused.reviewId(),
          review == null ? "unknown" : review.status);
      return Optional.empty();
    }
    String current = ReviewEventPublisher.eventId(ReviewCompleted.class, review.id, review.round);
    if (!current.equals(refused.decisionEventId())) {
      LOG.infof("refusal of review %s ignored: it names decision %s, the review's current one is %s",
          review.id, refused.decisionEventId(), current);
      return Optional.empty();
    }
    RefusedDecisionEntity kept = new RefusedDecisionEntity();
    kept.reviewId = review.id;
    kept.round = review.round + 1;
    kept.recommendation = review.recommendation;
    kept.grade = review.grade;
    kept.rationale = review.rationale;
    kept.meanScoreHundredths = review.meanScoreHundredths;
    kept.allocations = new ArrayList<>(review.allocations);
    kept.decidedBy = review.decidedBy;
    kept.decidedAt = review.decidedAt;
    kept.decisionEventId = refused.decisionEventId();
    kept.refusedRule = refused.rule();
    kept.refusedReason = refused.reason();
    kept.refusedAt = refusedAt;
    kept.persist();

    review.round = kept.round;
    review.status = ReviewStatus.OPEN;
    review.recommendation = null;
    review.grade = null;
    review.rationale = null;
    review.meanScoreHundredths = null;
    review.allocations = new ArrayList<>();
    review.decidedBy = null;
    review.decidedAt = null;
    publisher.publish(new ReviewReopened(review.id, review.grantId, review.programCode, review.kind, review.round,
        refused.rule(), refused.reason()), review.round, metadata);
    registry.counter("review_decisions_refused_total", "program", review.programCode, "kind", review.kind.name(),
        "rule", refused.rule()).increment();
    return Optional.of(review);
  }
}
