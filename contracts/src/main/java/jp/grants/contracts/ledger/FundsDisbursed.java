package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger recorded a disbursement: the money left the program's budget for the grant.
 *
 * @param journalEntryId the ledger's journal entry for it
 * @param grantYearHeadroomYen what is left of the grant's allocation for that fiscal year
 * @param indirectCostYen the indirect costs paid to the host institution with it (absent in answers
 *     written before indirect costs were paid)
 */
@SchemaVersion(1)
public record FundsDisbursed(
    UUID grantId,
    UUID disbursementId,
    String programCode,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory,
    UUID journalEntryId,
    long grantYearHeadroomYen,
    @Nullable Long indirectCostYen)
    implements LedgerEvent {
  /** A payment without indirect costs. */
  public FundsDisbursed(
      UUID grantId,
      UUID disbursementId,
      String programCode,
      int fiscalYear,
      long amountYen,
      ExpenseCategory expenseCategory,
      UUID journalEntryId,
      long grantYearHeadroomYen) {
    this(
        grantId,
        disbursementId,
        programCode,
        fiscalYear,
        amountYen,
        expenseCategory,
        journalEntryId,
        grantYearHeadroomYen,
        null);
  }

  @Override
  public UUID operationId() {
    return disbursementId;
  }
}
