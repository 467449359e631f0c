package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;

/**
 * A committee's decision (ReviewCompleted) could not be applied to the grant, because the grant had
 * moved on since the review checked it (e.g. a stage gate decided twice): recorded in the grant's
 * history instead of ending in a dead letter, and answered to review-service, which reopens the
 * review so that the committee can decide again.
 *
 * @param decisionEventId the id of the ReviewCompleted event that was refused
 * @param rule the named rule that refused it
 */
@SchemaVersion(1)
public record CommitteeDecisionRefused(
    UUID grantId,
    UUID reviewId,
    String decisionEventId,
    ReviewKind kind,
    Recommendation recommendation,
    String rule,
    String reason)
    implements GrantEvent {}
