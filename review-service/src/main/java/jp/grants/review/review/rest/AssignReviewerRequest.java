package jp.grants.review.review.rest;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The committee member to assign. */
public record AssignReviewerRequest(@NotNull UUID reviewerId) {}
