package jp.grants.contracts.review;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant refused the committee's decision (CommitteeDecisionRefused): the review is open again
 * for the committee to decide anew; the refused decision stays in the review's history.
 *
 * @param round how many decisions the review has had refused, this one included (1 for the first)
 */
@SchemaVersion(1)
public record ReviewReopened(
    UUID reviewId,
    UUID grantId,
    String programCode,
    ReviewKind kind,
    int round,
    String rule,
    String reason)
    implements ReviewEvent {}
