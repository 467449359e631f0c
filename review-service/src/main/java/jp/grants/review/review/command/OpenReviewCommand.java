package jp.grants.review.review.command;

import java.util.UUID;
import jp.grants.contracts.review.ReviewKind;

/**
 * Open a review of a grant, because of a grant event.
 *
 * @param targetPhase the phase a stage gate steps up to; null for other kinds
 * @param causeEventId the id of the grant event that calls for the review
 */
public record OpenReviewCommand(
    UUID grantId, ReviewKind kind, int fiscalYear, String targetPhase, String causeEventId) {}
