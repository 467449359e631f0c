package jp.grants.ledger.report.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A program officer's approval of the transfers between categories an annual report shows. */
public record ApprovalRequest(
    @NotBlank
        @Size(max = 1000)
        @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters")
        String reason) {}
