package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The program awarded the grant. The allocations are the grant's money per fiscal year; the total
 * is the grant's total cap, which no sum of disbursements may exceed.
 *
 * @param phase the phase the grant starts in (e.g. WPI CORE {@code INITIAL})
 * @param reviewId the selection review whose committee decided the award; null for a program
 *     officer's direct award (only where the catalog's deciders allow one)
 * @param reason why a program officer awarded directly (required then); null for a committee's
 *     award
 */
@SchemaVersion(1)
public record GrantAwarded(
    UUID grantId,
    String programCode,
    String phase,
    int startFiscalYear,
    int endFiscalYear,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen,
    List<ExpenseCategory> eligibleExpenses,
    @Nullable UUID reviewId,
    @Nullable String reason)
    implements GrantEvent {

  /** An award without a direct decision's reason (a committee's). */
  public GrantAwarded(
      UUID grantId,
      String programCode,
      String phase,
      int startFiscalYear,
      int endFiscalYear,
      List<FiscalYearAmount> allocations,
      long totalAwardedYen,
      List<ExpenseCategory> eligibleExpenses,
      UUID reviewId) {
    this(
        grantId,
        programCode,
        phase,
        startFiscalYear,
        endFiscalYear,
        allocations,
        totalAwardedYen,
        eligibleExpenses,
        reviewId,
        null);
  }
}
