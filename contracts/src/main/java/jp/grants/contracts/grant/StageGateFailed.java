package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant failed its stage gate and winds down: it ends at {@code endFiscalYear}, and the
 * allocations replace the plan for every fiscal year after the gate's (years past the end get
 * nothing).
 */
@SchemaVersion(1)
public record StageGateFailed(
    UUID grantId,
    int fiscalYear,
    @Nullable String reason,
    int endFiscalYear,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen,
    @Nullable UUID reviewId)
    implements GrantEvent {}
