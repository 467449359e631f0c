package jp.grants.review.review.command;

import java.util.UUID;

/** Assign a committee member to review a grant. */
public record AssignReviewerCommand(UUID reviewId, UUID reviewerId) {}
