package jp.grants.review.review.query;

import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.review.domain.ReviewStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
    @Schema(
            nullable = true,
            description = "The committee's decision; none while the review is open")
        Recommendation recommendation,
    @Schema(
            nullable = true,
            description = "An evaluation's grade (S, A, B, C); none for other decisions")
        String grade,
    @Schema(nullable = true, description = "When the review was decided; none while it is open")
        Instant decidedAt) {}
