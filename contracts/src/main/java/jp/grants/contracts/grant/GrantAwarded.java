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
 * @param reviewId the selection review that recommended the award, if any
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
    @Nullable UUID reviewId)
    implements GrantEvent {}
