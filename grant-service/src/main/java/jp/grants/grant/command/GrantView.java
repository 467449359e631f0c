package jp.grants.grant.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.RequirementShortfall;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The state of one grant as its aggregate holds it: what GET /grants/{id} shows and what auditors
 * replay to any past point. Built only by the aggregate, from its events.
 *
 * <p>Of the money it shows what the grant's rules work with, which stays the same size however many
 * payments the grant has seen: the disbursements requested through grant-service that the ledger
 * has not answered yet ({@code openDisbursements}), and per fiscal year what the ledger paid and
 * refused ({@code disbursementsByFiscalYear}). Every disbursement one by one, settled ones
 * included, is listed by {@code GET /api/v1/grants/{id}/disbursements} from the read model.
 *
 * <p>{@code catalogVersion} is the program catalog version the grant's rules come from at this
 * point (pinned at submission, moved only by a catalog migration).
 */
public record GrantView(
    UUID grantId,
    long version,
    String programCode,
    @Schema(
            nullable = true,
            description = "The call for proposals it was submitted to; none outside a call")
        UUID callId,
    GrantStatus status,
    @Schema(nullable = true, description = "The current phase; none before the award") String phase,
    String title,
    String applicantId,
    Investigator principalInvestigator,
    List<String> hostInstitutions,
    int startFiscalYear,
    int endFiscalYear,
    List<FiscalYearAmount> requestedPlan,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen,
    Map<Integer, FollowUp> followUps,
    @Schema(nullable = true, description = "The stage gate, once scheduled")
        StageGateState stageGate,
    Map<EvaluationKind, Evaluation> evaluations,
    int extensionYears,
    @Schema(description = "Fiscal years the end moved without money (no-cost extensions)")
        int noCostExtensionYears,
    @Schema(
            nullable = true,
            description = "While suspended: since when, why, and the status it resumes to")
        Suspension suspension,
    @Schema(
            nullable = true,
            description =
                "While a WPI Academy center: since when and on which final evaluation grade")
        Academy academy,
    @Schema(description = "The WPI Academy annual reports, by fiscal year; empty for other grants")
        Map<Integer, AcademyReport> academyReports,
    Map<UUID, OpenDisbursement> openDisbursements,
    Map<Integer, FiscalYearDisbursements> disbursementsByFiscalYear,
    long disbursedYen,
    Map<Integer, FiscalYearMoney> moneyByFiscalYear,
    long indirectCostYen,
    boolean settled,
    @Schema(
            nullable = true,
            description = "The final settlement, once the ledger settled the grant")
        Settlement settlement,
    String catalogVersion) {

  /**
   * Center metrics of one fiscal year's follow-up.
   *
   * @param shortfalls the requirements of the grant's phase at the time that the figures missed
   *     (the follow-up is flagged, not refused); empty when none; null for follow-ups reported
   *     before the check existed
   */
  public record FollowUp(
      int principalInvestigators,
      int totalStaff,
      int researchers,
      int researchersFromAbroad,
      @Schema(
              nullable = true,
              description =
                  "The requirements missed; none for follow-ups reported before the check existed")
          List<RequirementShortfall> shortfalls) {

    public FollowUp(
        int principalInvestigators, int totalStaff, int researchers, int researchersFromAbroad) {
      this(principalInvestigators, totalStaff, researchers, researchersFromAbroad, null);
    }

    public CenterFigures figures() {
      return new CenterFigures(
          principalInvestigators, totalStaff, researchers, researchersFromAbroad);
    }

    /** Whether the follow-up fell short of its phase's requirements. */
    public boolean belowRequirements() {
      return shortfalls != null && !shortfalls.isEmpty();
    }
  }

  public record StageGateState(
      int fiscalYear,
      String targetPhase,
      @Schema(nullable = true, description = "PASSED or FAILED; none until decided")
          GateOutcome outcome) {}

  /** How a stage gate was decided. */
  public enum GateOutcome {
    PASSED,
    FAILED
  }

  /**
   * An interim or final evaluation.
   *
   * @param followUpsBelowRequirements what the evaluation judges besides the committee's scores:
   *     the follow-ups up to its fiscal year that fell short of their phase's requirements, by
   *     fiscal year (filled in by the view; the aggregate keeps only the follow-ups)
   */
  public record Evaluation(
      int fiscalYear,
      @Schema(nullable = true, description = "The grade; none until the result is recorded")
          String grade,
      Map<Integer, List<RequirementShortfall>> followUpsBelowRequirements) {

    public Evaluation(int fiscalYear, String grade) {
      this(fiscalYear, grade, null);
    }
  }

  /** A disbursement requested through grant-service that the ledger has not answered yet. */
  public record OpenDisbursement(int fiscalYear, long amountYen, String expenseCategory) {}

  /**
   * What the ledger did in one fiscal year of the grant: the yen it paid and how many payments, and
   * how many requests it refused (whether grant-service or the ledger's REST API asked).
   */
  public record FiscalYearDisbursements(long disbursedYen, int payments, int rejections) {
    static final FiscalYearDisbursements NONE = new FiscalYearDisbursements(0, 0, 0);

    FiscalYearDisbursements paid(long amountYen) {
      return new FiscalYearDisbursements(
          Math.addExact(disbursedYen, amountYen), payments + 1, rejections);
    }

    FiscalYearDisbursements rejected() {
      return new FiscalYearDisbursements(disbursedYen, payments, rejections + 1);
    }

    /** Paid money that left the year (refunded, carried out: negative) or came in (carried in). */
    FiscalYearDisbursements moved(long deltaYen) {
      return new FiscalYearDisbursements(
          Math.addExact(disbursedYen, deltaYen), payments, rejections);
    }
  }

  /**
   * The money of one fiscal year of the grant as its history tells it, with the ledger's names (its
   * {@code /reconciliation} figures).
   *
   * @param allocatedYen the year's allocation as awarded (award, stage gates, extension), before
   *     carry-overs
   * @param carriedInYen allocation carried over into the year from the one before
   * @param carriedOutYen allocation carried over out of the year to the next
   * @param capYen what the year may pay: allocated + carried in − carried out (the plan's {@code
   *     allocations})
   * @param paidYen direct costs paid in the year, gross
   * @param indirectCostYen indirect costs paid with them, gross
   * @param refundedYen direct costs refunded out of the year
   * @param indirectRefundedYen indirect costs refunded with them
   * @param additionalChargeYen additional charges (加算金) on ordered refunds of the year
   * @param paidCarriedInYen paid, unspent money that came in with a carry-over
   * @param paidCarriedOutYen paid, unspent money that left with a carry-over
   * @param heldYen paid − refunded − paid carried out + paid carried in: what the year holds and
   *     what reserves its cap ({@code disbursementsByFiscalYear.disbursedYen})
   * @param reportedYen spending of the year's accepted annual report; null while none is accepted
   * @param unspentYen held − reported now (money still to be carried over or refunded); null while
   *     unreported
   * @param annualReport the accepted annual report as the ledger accepted it; null while none
   * @param finalYen the direct costs the settlement kept for the year; null before the settlement
   */
  public record FiscalYearMoney(
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
      @Schema(nullable = true, description = "As the accepted annual report states; none before it")
          Long reportedYen,
      @Schema(
              nullable = true,
              description = "Paid and not reported as spent; none before the annual report")
          Long unspentYen,
      @Schema(nullable = true, description = "The accepted annual report, once there is one")
          AnnualReport annualReport,
      @Schema(nullable = true, description = "The year's final amount, once the grant is settled")
          Long finalYen) {}

  /**
   * An accepted annual financial report (実績報告), with the figures the ledger reconciled at
   * acceptance.
   */
  public record AnnualReport(
      UUID reportId, long reportedYen, long paidYen, long unspentYen, long transferredYen) {}

  /** The grant's final amount as the ledger settled it (額の確定). */
  public record Settlement(
      UUID settlementId,
      long finalAmountYen,
      long finalIndirectCostYen,
      long refundedYen,
      long additionalChargeYen,
      List<FiscalYearAmount> finalByFiscalYear) {}

  /**
   * What the aggregate keeps of one year's money (the rest of {@link FiscalYearMoney} is derived
   * from it and the plan): a fixed set of sums, whatever the number of operations.
   */
  public record YearMoney(
      long paidYen,
      long indirectCostYen,
      long carriedInYen,
      long carriedOutYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen,
      AnnualReport report,
      Long finalYen) {
    static final YearMoney NONE = new YearMoney(0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);

    YearMoney paid(long amountYen, long indirectYen) {
      return new YearMoney(
          Math.addExact(paidYen, amountYen),
          Math.addExact(indirectCostYen, indirectYen),
          carriedInYen,
          carriedOutYen,
          paidCarriedInYen,
          paidCarriedOutYen,
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          report,
          finalYen);
    }

    YearMoney carriedOut(long amountYen, long paidMovedYen) {
      return new YearMoney(
          paidYen,
          indirectCostYen,
          carriedInYen,
          Math.addExact(carriedOutYen, amountYen),
          paidCarriedInYen,
          Math.addExact(paidCarriedOutYen, paidMovedYen),
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          report,
          finalYen);
    }

    YearMoney carriedIn(long amountYen, long paidMovedYen) {
      return new YearMoney(
          paidYen,
          indirectCostYen,
          Math.addExact(carriedInYen, amountYen),
          carriedOutYen,
          Math.addExact(paidCarriedInYen, paidMovedYen),
          paidCarriedOutYen,
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          report,
          finalYen);
    }

    YearMoney refunded(long amountYen, long indirectYen, long chargeYen) {
      return new YearMoney(
          paidYen,
          indirectCostYen,
          carriedInYen,
          carriedOutYen,
          paidCarriedInYen,
          paidCarriedOutYen,
          Math.addExact(refundedYen, amountYen),
          Math.addExact(indirectRefundedYen, indirectYen),
          Math.addExact(additionalChargeYen, chargeYen),
          report,
          finalYen);
    }

    YearMoney reported(AnnualReport accepted) {
      return new YearMoney(
          paidYen,
          indirectCostYen,
          carriedInYen,
          carriedOutYen,
          paidCarriedInYen,
          paidCarriedOutYen,
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          accepted,
          finalYen);
    }

    YearMoney settled(long finalAmountYen) {
      return new YearMoney(
          paidYen,
          indirectCostYen,
          carriedInYen,
          carriedOutYen,
          paidCarriedInYen,
          paidCarriedOutYen,
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          report,
          finalAmountYen);
    }

    /** Paid − refunded − paid carried out + paid carried in. */
    public long heldYen() {
      return Math.addExact(
          Math.subtractExact(Math.subtractExact(paidYen, refundedYen), paidCarriedOutYen),
          paidCarriedInYen);
    }

    FiscalYearMoney view(long capYen) {
      long held = heldYen();
      Long reported = report == null ? null : report.reportedYen();
      return new FiscalYearMoney(
          capYen - carriedInYen + carriedOutYen,
          carriedInYen,
          carriedOutYen,
          capYen,
          paidYen,
          indirectCostYen,
          refundedYen,
          indirectRefundedYen,
          additionalChargeYen,
          paidCarriedInYen,
          paidCarriedOutYen,
          held,
          reported,
          reported == null ? null : held - reported,
          report,
          finalYen);
    }
  }

  /** A suspension (中断) in force. */
  public record Suspension(LocalDate since, String reason, GrantStatus resumesTo) {}

  /** World Premier Status in force: a WPI Academy center (アカデミー拠点). */
  public record Academy(LocalDate since, String finalEvaluationGrade) {}

  /** A WPI Academy center's annual report: the lighter report of a center without program money. */
  public record AcademyReport(int principalInvestigators, int researchers, String narrative) {}
}
