package jp.grants.contracts.review;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * A committee decided a review. The grant-service applies the decision to the grant exactly once.
 *
 * @param grade S, A, B or C for graded reviews; null otherwise
 * @param meanScoreHundredths mean of all axis scores of all reviewers, times 100 (integer; 1–5 ⇒
 *     100–500)
 * @param allocations amounts the committee set per fiscal year (award or step-up); empty to keep
 *     what was requested or planned
 */
@SchemaVersion(1)
public record ReviewCompleted(
    UUID reviewId,
    UUID grantId,
    String programCode,
    ReviewKind kind,
    int fiscalYear,
    Recommendation recommendation,
    @Nullable String grade,
    int meanScoreHundredths,
    String rationale,
    String committeeCode,
    List<FiscalYearAmount> allocations)
    implements ReviewEvent {}
