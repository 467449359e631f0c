package jp.grants.ledger.report.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import jp.grants.contracts.ExpenseCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A grant's annual financial report for a fiscal year: what was spent per expense category.
 *
 * @param spending one line per category (each category once), whole yen
 */
public record AnnualReportRequest(
    @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
    @NotNull @Size(max = 16) List<@Valid @NotNull Line> spending) {

  /** What was spent in one category. */
  @Schema(name = "AnnualReportLineRequest")
  public record Line(
      @NotNull ExpenseCategory category,
      @NotNull @PositiveOrZero @Max(1_000_000_000_000L) Long amountYen) {}

  @JsonIgnore
  @AssertTrue(message = "each category appears once in spending")
  public boolean isEachCategoryOnce() {
    return spending == null
        || spending.stream()
                .filter(Objects::nonNull)
                .map(Line::category)
                .filter(Objects::nonNull)
                .distinct()
                .count()
            == spending.stream()
                .filter(Objects::nonNull)
                .map(Line::category)
                .filter(Objects::nonNull)
                .count();
  }
}
