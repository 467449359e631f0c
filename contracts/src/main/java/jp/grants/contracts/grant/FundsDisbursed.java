package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger paid a disbursement; recorded in the grant's own history as the ledger answered.
 *
 * @param indirectCostYen the indirect costs paid with it (absent in events recorded before the
 *     ledger paid indirect costs)
 */
@SchemaVersion(1)
public record FundsDisbursed(
    UUID grantId,
    UUID disbursementId,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory,
    @Nullable Long indirectCostYen)
    implements GrantEvent {
  /** A payment without indirect costs. */
  public FundsDisbursed(
      UUID grantId,
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      ExpenseCategory expenseCategory) {
    this(grantId, disbursementId, fiscalYear, amountYen, expenseCategory, null);
  }
}
