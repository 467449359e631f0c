package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * Finance asked to pay money out of the grant. The ledger answers with FundsDisbursed or
 * DisbursementRejected on {@code ledger-events}; the disbursement id is the idempotency key.
 */
@SchemaVersion(1)
public record DisbursementRequested(
    UUID grantId,
    UUID disbursementId,
    String programCode,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory,
    @Nullable String purpose)
    implements GrantEvent {}
