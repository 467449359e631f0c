package jp.grants.review.review.query;

import java.util.UUID;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.review.domain.ReviewStatus;

/** Find reviews: each criterion is optional; at most {@code limit} results, newest first. */
public record ReviewFilter(UUID grantId, ReviewStatus status, ReviewKind kind, int limit) {}
