package jp.grants.contracts.review;

import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant refused a decided round (grant-service's CommitteeDecisionRefused): the decision named
 * by {@code decisionEventId} no longer stands, and the review was reopened or withdrawn.
 *
 * @param round the refused decision's round (as in its CommitteeDecisionRecorded)
 * @param rule the rule by which the grant refused it
 * @param outcome REOPENED (the committee decides again, in round + 1) or WITHDRAWN (the grant has
 *     ended)
 */
@SchemaVersion(1)
public record CommitteeDecisionRefusedRecorded(
    UUID reviewId,
    UUID grantId,
    int round,
    String decisionEventId,
    String rule,
    String reason,
    String outcome,
    Instant refusedAt)
    implements CommitteeDecisionRecord {}
