package jp.grants.review.review.command;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.Recommendation;

/**
 * The committee's decision on a review, given by its chair.
 *
 * @param grade S, A, B or C for graded reviews; null otherwise
 * @param allocations money per fiscal year for an AWARD or a PASS; empty to keep the plan
 */
public record DecideReviewCommand(
    UUID reviewId,
    Recommendation recommendation,
    String grade,
    String rationale,
    List<FiscalYearAmount> allocations) {}
