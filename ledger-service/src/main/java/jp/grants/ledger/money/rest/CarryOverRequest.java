package jp.grants.ledger.money.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Carry an amount of a grant's fiscal year over to the next one.
 *
 * @param reason required for a yearly pool (the program officer's approval); optional for a fund
 */
public record CarryOverRequest(
    @NotNull @Min(2000) @Max(2100) Integer fromFiscalYear,
    @NotNull @Positive @Max(1_000_000_000_000L) Long amountYen,
    @Size(max = 500)
        @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters")
        String reason) {}
