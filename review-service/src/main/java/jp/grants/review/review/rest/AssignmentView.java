package jp.grants.review.review.rest;

import java.time.Instant;
import java.util.UUID;

/** An assignment as made. */
public record AssignmentView(
    UUID reviewId, UUID reviewerId, Instant assignedAt, String assignedBy) {}
