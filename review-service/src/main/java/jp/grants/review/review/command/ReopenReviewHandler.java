package jp.grants.review.review.command;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewReopened;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.review.audit.DecisionChain;
import jp.grants.review.grant.persistence.GrantViewEntity;
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
 * A grant that has ended (terminated, closed, or a proposal rejected or declined) takes no decision
 * any more, so a reopened review could never be decided: the review is withdrawn instead, as the
 * grant's end withdraws its open reviews, keeping the refused decision all the same.
 */
@ApplicationScoped
public class ReopenReviewHandler {
  private static final Logger LOG = Logger.getLogger(ReopenReviewHandler.class);

  @Inject ReviewEventPublisher publisher;
  @Inject DecisionChain chain;
  @Inject MeterRegistry registry;

  /** Runs in the transaction of the grant event that causes it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ReviewEntity> handle(
      CommitteeDecisionRefused refused, Instant refusedAt, EventMetadata metadata) {
    ReviewEntity review = ReviewEntity.lock(refused.reviewId()).orElse(null);
    if (review == null || review.status != ReviewStatus.DECIDED) {
      LOG.infof(
          "refusal of review %s ignored: the review is %s",
          refused.reviewId(), review == null ? "unknown" : review.status);
      return Optional.empty();
    }
    String current = ReviewEventPublisher.eventId(ReviewCompleted.class, review.id, review.round);
    if (!current.equals(refused.decisionEventId())) {
      LOG.infof(
          "refusal of review %s ignored: it names decision %s, the review's current one is %s",
          review.id, refused.decisionEventId(), current);
      return Optional.empty();
    }
    RefusedDecisionEntity kept = keep(review, refused, refusedAt);
    GrantViewEntity grant = GrantViewEntity.findById(review.grantId);
    int decidedRound = review.round;
    clearDecision(review, kept.round);
    boolean withdrawn = grant != null && grant.status.ended();
    chain.append(
        refusalEventId(refused.decisionEventId()),
        DecisionRecords.refused(
            review,
            decidedRound,
            refused.decisionEventId(),
            refused.rule(),
            refused.reason(),
            withdrawn,
            refusedAt),
        refusedAt,
        metadata);
    if (withdrawn) {
      review.status = ReviewStatus.WITHDRAWN;
      review.withdrawnReason =
          OpenReviewHandler.withdrawal(
              "grant "
                  + grant.status.name().toLowerCase(Locale.ROOT)
                  + ": its refusal of the decision ("
                  + refused.rule()
                  + ") cannot be answered by a new one");
      LOG.infof(
          "review %s withdrawn: grant %s is %s and refused its decision (%s)",
          review.id, review.grantId, grant.status, refused.rule());
    } else {
      review.status = ReviewStatus.OPEN;
      publisher.publish(
          new ReviewReopened(
              review.id,
              review.grantId,
              review.programCode,
              review.kind,
              review.round,
              refused.rule(),
              refused.reason()),
          review.round,
          metadata);
    }
    registry
        .counter(
            "review_decisions_refused_total",
            "program",
            review.programCode,
            "kind",
            review.kind.name(),
            "rule",
            refused.rule())
        .increment();
    return Optional.of(review);
  }

  /** The chain record of a refusal: one per refused decision. */
  static String refusalEventId(String decisionEventId) {
    String name = "CommitteeDecisionRefusedRecorded:" + decisionEventId;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static RefusedDecisionEntity keep(
      ReviewEntity review, CommitteeDecisionRefused refused, Instant refusedAt) {
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
    return kept;
  }

  private static void clearDecision(ReviewEntity review, int round) {
    review.round = round;
    review.recommendation = null;
    review.grade = null;
    review.rationale = null;
    review.meanScoreHundredths = null;
    review.allocations = new ArrayList<>();
    review.decidedBy = null;
    review.decidedAt = null;
  }
}
