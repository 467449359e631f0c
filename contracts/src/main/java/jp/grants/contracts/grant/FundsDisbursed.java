package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.SchemaVersion;

/** The ledger paid a disbursement; recorded in the grant's own history as the ledger answered. */
@SchemaVersion(1)
public record FundsDisbursed(
    UUID grantId,
    UUID disbursementId,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory)
    implements GrantEvent {}
