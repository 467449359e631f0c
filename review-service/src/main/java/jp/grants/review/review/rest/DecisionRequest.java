package jp.grants.review.review.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.Recommendation;
import jp.grants.platform.web.FreeText;
import jp.grants.review.review.command.DecideReviewCommand;

/**
 * The committee's decision.
 *
 * @param recommendation AWARD or DECLINE (selection), PASS or FAIL (stage gate), GRADED (the rest)
 * @param grade S, A, B or C for graded reviews only
 * @param allocations whole yen per fiscal year, for an AWARD or a PASS only; omit to keep the plan
 */
public record DecisionRequest(
    @NotNull Recommendation recommendation,
    @Pattern(regexp = "[SABC]", message = "must be S, A, B or C") String grade,
    @NotBlank @Size(max = 10000) @FreeText String rationale,
    @Size(max = 20) List<@NotNull @Valid Allocation> allocations) {

  public record Allocation(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
      @NotNull @PositiveOrZero @Max(MAX_YEN) Long amountYen) {}

  /** The most yen one figure may state, as in the other services: a trillion. */
  static final long MAX_YEN = 1_000_000_000_000L;

  DecideReviewCommand toCommand(UUID reviewId) {
    List<FiscalYearAmount> amounts =
        allocations == null
            ? List.of()
            : allocations.stream()
                .map(a -> new FiscalYearAmount(a.fiscalYear(), a.amountYen()))
                .toList();
    return new DecideReviewCommand(reviewId, recommendation, grade, rationale, amounts);
  }
}
