package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.SchemaVersion;

/**
 * Money paid out of a grant came back (返還), recorded as reversing journal entries: the headroom
 * under the grant's year, its total and the pool is restored by what came back.
 *
 * @param amountYen direct costs returned
 * @param indirectCostYen the indirect costs that went with them, returned too
 * @param additionalChargeYen the additional charge (加算金) on an ordered return, its own line
 */
@SchemaVersion(1)
public record FundsRefunded(
    UUID grantId,
    UUID refundId,
    String programCode,
    int fiscalYear,
    long amountYen,
    long indirectCostYen,
    long additionalChargeYen,
    RefundKind kind,
    @Nullable String reason,
    UUID journalEntryId)
    implements LedgerEvent {
  @Override
  public UUID operationId() {
    return refundId;
  }
}
