package jp.grants.ledger.budget.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A fund's total, set by an administrator.
 *
 * @param reason why (e.g. a supplementary budget added to the fund); journalled with the change
 */
public record FundRequest(
    @NotNull @PositiveOrZero @Max(100_000_000_000_000L) Long totalYen,
    @NotBlank @Size(max = 500) String reason) {}
