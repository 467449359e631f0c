package jp.grants.ledger.reconciliation;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A grant's money per fiscal year, computed from the ledger's rows (grant_year, disbursement,
 * refund, carry_over, annual_report, settlement) and checked against one another and against the
 * journal's account balances; every disagreement is listed as a difference.
 */
public record GrantReconciliation(
    UUID grantId,
    String programCode,
    String budgetPool,
    String status,
    boolean settled,
    @Schema(nullable = true, description = "None before the settlement") Long finalAmountYen,
    @Schema(nullable = true, description = "None before the settlement") Long finalIndirectCostYen,
    List<Year> years,
    Totals totals) {

  /**
   * One fiscal year.
   *
   * @param allocatedYen what the award (and its gates) allocated: cap − carried in + carried out
   * @param capYen the year's cap now (grant_year.allocation_yen)
   * @param paidYen gross accepted disbursements of the year
   * @param heldYen what the year holds: paid − refunded − paid carried out + paid carried in
   * @param reportedYen the annual report's spending, null without a report
   * @param unspentYen held − reported (held when there is no report)
   * @param finalYen the settled amount of the year, null before settlement
   */
  public record Year(
      int fiscalYear,
      long allocatedYen,
      long carriedInYen,
      long carriedOutYen,
      long capYen,
      long paidYen,
      long indirectCostYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long heldYen,
      @Schema(nullable = true, description = "The annual report's spending; none without a report")
          Long reportedYen,
      @Schema(nullable = true, description = "The annual report's state; none without a report")
          String reportStatus,
      long unspentYen,
      @Schema(nullable = true, description = "None before the settlement") Long finalYen,
      List<Difference> differences) {}

  /** The figures of every year summed, and the differences found on the grant as a whole. */
  public record Totals(
      long allocatedYen,
      long carriedInYen,
      long carriedOutYen,
      long capYen,
      long paidYen,
      long indirectCostYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long heldYen,
      @Schema(nullable = true, description = "None without a report") Long reportedYen,
      long unspentYen,
      @Schema(nullable = true, description = "None before the settlement") Long finalYen,
      List<Difference> differences) {}

  /**
   * Two sources that should agree and do not.
   *
   * @param expectedYen what the figure should be, from the other source (named in the explanation)
   * @param actualYen what the figure is
   */
  public record Difference(String figure, long expectedYen, long actualYen, String explanation) {}

  /** Every difference of the grant: of its years and of the grant as a whole. */
  public int differenceCount() {
    return years.stream().mapToInt(y -> y.differences().size()).sum() + totals.differences().size();
  }
}
