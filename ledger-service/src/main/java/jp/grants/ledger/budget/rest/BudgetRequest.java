package jp.grants.ledger.budget.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A pool's budget for a fiscal year, set by an administrator.
 *
 * @param reason why (e.g. the appropriation act); journalled with the change
 */
public record BudgetRequest(
    @NotNull @PositiveOrZero @Max(100_000_000_000_000L) Long budgetYen,
    @NotBlank @Size(max = 500) String reason) {}
