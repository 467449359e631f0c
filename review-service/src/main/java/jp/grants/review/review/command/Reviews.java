package jp.grants.review.review.command;

import jakarta.ws.rs.NotFoundException;
import java.util.UUID;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.rule.ReviewRule;

/** Look-ups the review commands share. */
final class Reviews {

  private Reviews() {}

  /**
   * The review, locked: assignments, scorecards and the decision of one review never interleave.
   */
  static ReviewEntity lock(UUID reviewId) {
    return ReviewEntity.lock(reviewId)
        .orElseThrow(() -> new NotFoundException("no review " + reviewId));
  }

  static void requireOpen(ReviewEntity review, String action) {
    if (review.status != ReviewStatus.OPEN) {
      throw ReviewRule.REVIEW_OPEN.violation(
          "review "
              + review.id
              + " is "
              + review.status
              + "; "
              + action
              + " only while it is OPEN");
    }
  }

  static GrantViewEntity grantOf(ReviewEntity review) {
    return GrantViewEntity.<GrantViewEntity>findByIdOptional(review.grantId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "review " + review.id + " has no grant " + review.grantId));
  }
}
