package jp.grants.contracts.ledger;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant's final amount is determined (額の確定): every year with money is reported and nothing paid
 * is left unspent. After this no money of the grant moves.
 *
 * @param finalAmountYen direct costs the grant keeps: paid less refunded, over all its years
 * @param finalIndirectCostYen indirect costs it keeps
 * @param finalByFiscalYear the direct costs kept per fiscal year
 * @param journalEntryId the settlement's journal entry; null when nothing was kept (nothing moves)
 */
@SchemaVersion(1)
public record GrantSettled(
    UUID grantId,
    UUID settlementId,
    String programCode,
    long finalAmountYen,
    long finalIndirectCostYen,
    long paidYen,
    long refundedYen,
    long additionalChargeYen,
    List<FiscalYearAmount> finalByFiscalYear,
    @Nullable UUID journalEntryId)
    implements LedgerEvent {
  @Override
  public UUID operationId() {
    return settlementId;
  }
}
