package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger carried unspent money of the grant's fiscal year over to its next year (繰越): recorded
 * in the grant's history, where the plan's allocations move alike (the total stays).
 *
 * @param paidMovedYen the part that was paid already and now counts as paid for the receiving year
 */
@SchemaVersion(1)
public record FundsCarriedOver(
    UUID grantId,
    UUID carryOverId,
    int fromFiscalYear,
    int toFiscalYear,
    long amountYen,
    long paidMovedYen,
    boolean approved,
    @Nullable String reason)
    implements GrantEvent {}
