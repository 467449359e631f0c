package jp.grants.review.review.query;

import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.review.domain.ReviewStatus;

/** A review in a list. */
public record ReviewSummary(
    UUID id,
    UUID grantId,
    String grantTitle,
    String programCode,
    ReviewKind kind,
    int fiscalYear,
    ReviewStatus status,
    Instant openedAt,
    Recommendation recommendation,
    String grade,
    Instant decidedAt) {}
