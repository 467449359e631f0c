package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger recorded a disbursement: the money left the program's budget for the grant.
 *
 * @param journalEntryId the ledger's journal entry for it
 * @param grantYearHeadroomYen what is left of the grant's allocation for that fiscal year
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
    long grantYearHeadroomYen)
    implements LedgerEvent {}
