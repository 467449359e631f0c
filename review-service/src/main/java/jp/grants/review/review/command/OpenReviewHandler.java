package jp.grants.review.review.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.review.ReviewOpened;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.program.Programs;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.messaging.ReviewEventPublisher;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.rule.ReviewRule;
import org.jboss.logging.Logger;

/**
 * Opens reviews when grant events call for them. Opening is idempotent: a grant has one review per
 * kind and fiscal year (and one selection review), whatever arrives twice.
 */
@ApplicationScoped
public class OpenReviewHandler {
  private static final Logger LOG = Logger.getLogger(OpenReviewHandler.class);

  @Inject ReviewEventPublisher publisher;
  @Inject Programs programs;

  /** Runs in the transaction of the event that causes it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ReviewEntity> handle(OpenReviewCommand command, EventMetadata metadata) {
    GrantViewEntity grant = GrantViewEntity.findById(command.grantId());
    if (grant == null) {
      // grant-events carry each grant's events in order: a grant never seen is a broken stream
      throw ReviewRule.GRANT_KNOWN.violation(
          "no ProposalSubmitted was seen for grant "
              + command.grantId()
              + "; cannot open its "
              + command.kind()
              + " review");
    }
    if (alreadyOpened(command)) {
      return Optional.empty();
    }
    if (grant.status.ended()) {
      LOG.infof("grant %s is %s: no %s review opened", grant.grantId, grant.status, command.kind());
      return Optional.empty();
    }
    programs.require(grant.programCode);
    ReviewEntity review = new ReviewEntity();
    review.id = UUID.randomUUID();
    review.grantId = grant.grantId;
    review.programCode = grant.programCode;
    review.kind = command.kind();
    review.fiscalYear = command.fiscalYear();
    review.targetPhase = command.targetPhase();
    review.status = ReviewStatus.OPEN;
    review.openedAt = Instant.now();
    review.openedByEvent = command.causeEventId();
    review.persist();
    publisher.publish(
        new ReviewOpened(
            review.id, review.grantId, review.programCode, review.kind, review.fiscalYear),
        metadata);
    return Optional.of(review);
  }

  private static boolean alreadyOpened(OpenReviewCommand command) {
    if (command.kind() == ReviewKind.SELECTION) {
      return ReviewEntity.count(
              "grantId = ?1 and kind = ?2", command.grantId(), ReviewKind.SELECTION)
          > 0;
    }
    return ReviewEntity.of(command.grantId(), command.kind(), command.fiscalYear()).isPresent();
  }

  /** The grant ended: its open reviews will never be decided. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void withdrawOpenReviews(UUID grantId, String reason) {
    for (ReviewEntity review : ReviewEntity.openOfGrant(grantId)) {
      review.status = ReviewStatus.WITHDRAWN;
      review.withdrawnReason = withdrawal(reason);
    }
  }

  /** A withdrawal's reason as stored (at most 500 characters). */
  static String withdrawal(String reason) {
    return reason.length() > 500 ? reason.substring(0, 500) : reason;
  }
}
