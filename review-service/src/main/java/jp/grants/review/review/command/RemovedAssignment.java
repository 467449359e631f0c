package jp.grants.review.review.command;

import java.util.UUID;

/**
 * An assignment taken away because the reviewer declared a conflict with its grant.
 *
 * @param scorecardRemoved whether the reviewer's scores on it were discarded too
 */
public record RemovedAssignment(
    UUID reviewId, UUID grantId, String kind, boolean scorecardRemoved, String conflicts) {}
