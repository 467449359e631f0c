package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger determined the grant's final amount (額の確定); the grant may now close. Recorded in the
 * grant's history as the ledger settled it.
 */
@SchemaVersion(1)
public record GrantSettled(
    UUID grantId,
    UUID settlementId,
    long finalAmountYen,
    long finalIndirectCostYen,
    long refundedYen,
    long additionalChargeYen,
    List<FiscalYearAmount> finalByFiscalYear)
    implements GrantEvent {}
