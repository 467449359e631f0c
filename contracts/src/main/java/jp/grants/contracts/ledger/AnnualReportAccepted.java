package jp.grants.contracts.ledger;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger accepted a grant's annual financial report (実績報告) for a fiscal year and reconciled it
 * with the year's payments.
 *
 * @param spending what the recipient spent per expense category
 * @param reportedYen the sum of the spending
 * @param paidYen the year's direct payments less refunds, as the ledger had them
 * @param unspentYen paid and not spent: to be carried over or refunded before the grant settles
 * @param transferredYen spent beyond what was paid for its category, summed over the categories
 *     (費目間流用)
 * @param approvalReason a program officer's reason, where the transfers exceeded the program's free
 *     limit
 */
@SchemaVersion(1)
public record AnnualReportAccepted(
    UUID grantId,
    UUID reportId,
    String programCode,
    int fiscalYear,
    List<CategoryAmount> spending,
    long reportedYen,
    long paidYen,
    long unspentYen,
    long transferredYen,
    @Nullable String approvalReason)
    implements LedgerEvent {
  @Override
  public UUID operationId() {
    return reportId;
  }
}
