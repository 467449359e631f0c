package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.SchemaVersion;

/** Money paid out of the grant came back to the funder, as the ledger recorded it. */
@SchemaVersion(1)
public record FundsRefunded(
    UUID grantId,
    UUID refundId,
    int fiscalYear,
    long amountYen,
    long indirectCostYen,
    long additionalChargeYen,
    RefundKind kind,
    @Nullable String reason)
    implements GrantEvent {}
