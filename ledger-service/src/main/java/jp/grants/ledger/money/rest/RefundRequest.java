package jp.grants.ledger.money.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jp.grants.contracts.RefundKind;

/**
 * Money of a grant's fiscal year comes back.
 *
 * @param kind VOLUNTARY (the recipient or finance returns it) or ORDERED (a program officer orders
 *     it, with a reason)
 */
public record RefundRequest(
    @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
    @NotNull @Positive @Max(1_000_000_000_000L) Long amountYen,
    @NotNull RefundKind kind,
    @Size(max = 500)
        @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters")
        String reason) {}
