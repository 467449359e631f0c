package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * Unspent money of a grant's fiscal year moved to the grant's next year (繰越): the receiving year's
 * allocation grew by exactly the amount, the giving year's shrank by it, the total award is
 * unchanged. For a yearly budget the pool's budget moved alike and a program officer approved it.
 *
 * @param amountYen what moved from the allocation of {@code fromFiscalYear} to {@code toFiscalYear}
 * @param paidMovedYen the part of it that was already paid and not spent: it now counts as paid for
 *     the receiving year
 * @param approved true when a program officer approved it (a yearly budget needs it)
 */
@SchemaVersion(1)
public record FundsCarriedOver(
    UUID grantId,
    UUID carryOverId,
    String programCode,
    int fromFiscalYear,
    int toFiscalYear,
    long amountYen,
    long paidMovedYen,
    boolean approved,
    @Nullable String reason,
    UUID journalEntryId)
    implements LedgerEvent {
  @Override
  public UUID operationId() {
    return carryOverId;
  }
}
