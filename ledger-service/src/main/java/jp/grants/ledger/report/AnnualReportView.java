package jp.grants.ledger.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An annual financial report as the ledger reconciled it.
 *
 * @param spending every category reported or paid in the year: what was spent and what the year
 *     held in it
 * @param paidYen what the year held (H) when the report was accepted (or submitted, while it awaits
 *     approval)
 * @param unspentYen held less reported, at that time
 * @param transferredYen spent beyond what the year held per category, summed (費目間流用)
 * @param freeLimitYen what may move between categories without approval
 */
public record AnnualReportView(
    UUID reportId,
    UUID grantId,
    String programCode,
    int fiscalYear,
    String status,
    List<Line> spending,
    long reportedYen,
    long paidYen,
    long unspentYen,
    long transferredYen,
    long freeLimitYen,
    @Schema(
            nullable = true,
            description = "The approver's reason; none unless the report needed approval")
        String approvalReason,
    String submittedBy,
    OffsetDateTime submittedAt,
    @Schema(
            nullable = true,
            description = "Who approved it; none unless the report needed approval")
        String approvedBy,
    @Schema(nullable = true, description = "When it was accepted; none while it awaits approval")
        OffsetDateTime acceptedAt) {

  /** One category of the report. */
  public record Line(ExpenseCategory category, long amountYen, long paidYen) {}
}
