package jp.grants.ledger.disbursement.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.domain.DisbursementFiscalYear;

/**
 * Pay an amount out of a grant.
 *
 * @param fiscalYear the fiscal year to book it in; when absent, that of {@code valueDate}, else the
 *     current fiscal year in Japan
 * @param valueDate the payment date, if known
 * @param amountYen whole yen, at most one trillion
 */
public record DisburseRequest(
    @NotNull UUID grantId,
    @Min(2000) @Max(2100) Integer fiscalYear,
    LocalDate valueDate,
    @NotNull @Positive @Max(1_000_000_000_000L) Long amountYen,
    @NotNull ExpenseCategory expenseCategory,
    @Size(max = 500)
        @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters")
        String purpose) {

  @JsonIgnore
  @AssertTrue(
      message = "fiscalYear must be the fiscal year (1 April to 31 March) that contains valueDate")
  public boolean isFiscalYearOfValueDate() {
    return DisbursementFiscalYear.consistent(fiscalYear, valueDate);
  }

  @JsonIgnore
  @AssertTrue(message = "valueDate must lie in fiscal years 2000 to 2100")
  public boolean isValueDateSane() {
    return valueDate == null || (valueDate.getYear() >= 2000 && valueDate.getYear() <= 2101);
  }
}
