package jp.grants.grant.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * The orders a grant takes. {@code expectedVersion}, where present, is the version the caller last
 * saw (HTTP If-Match): the command is refused if the grant has moved on since. Null means "any".
 */
public final class Commands {
  private Commands() {}

  public record SubmitProposalCommand(
      @TargetAggregateIdentifier UUID grantId,
      String programCode,
      String title,
      String summary,
      String applicantId,
      Investigator principalInvestigator,
      List<String> hostInstitutions,
      int startFiscalYear,
      int durationYears,
      List<FiscalYearAmount> requestedPlan,
      CenterFigures plannedFigures,
      UUID callId) {

    /** A proposal outside a call for proposals. */
    public SubmitProposalCommand(
        UUID grantId,
        String programCode,
        String title,
        String summary,
        String applicantId,
        Investigator principalInvestigator,
        List<String> hostInstitutions,
        int startFiscalYear,
        int durationYears,
        List<FiscalYearAmount> requestedPlan,
        CenterFigures plannedFigures) {
      this(
          grantId,
          programCode,
          title,
          summary,
          applicantId,
          principalInvestigator,
          hostInstitutions,
          startFiscalYear,
          durationYears,
          requestedPlan,
          plannedFigures,
          null);
    }

    /** A proposal that states no planned figures (programs without requirements). */
    public SubmitProposalCommand(
        UUID grantId,
        String programCode,
        String title,
        String summary,
        String applicantId,
        Investigator principalInvestigator,
        List<String> hostInstitutions,
        int startFiscalYear,
        int durationYears,
        List<FiscalYearAmount> requestedPlan) {
      this(
          grantId,
          programCode,
          title,
          summary,
          applicantId,
          principalInvestigator,
          hostInstitutions,
          startFiscalYear,
          durationYears,
          requestedPlan,
          null,
          null);
    }
  }

  public record ScreenProposalCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      boolean eligible,
      String note) {}

  /**
   * A committee's decision (ReviewCompleted) to apply: the decision's own command, which the grant
   * takes if it can; if it refuses it by a rule (the grant moved on since the review checked it),
   * the refusal is recorded as CommitteeDecisionRefused instead, so that review-service reopens the
   * review and nothing a user can cause ends in a dead letter.
   *
   * @param decisionEventId the id of the ReviewCompleted event
   * @param decision the AwardGrant, DeclineProposal, Pass/FailStageGate or CompleteEvaluation
   *     command
   */
  public record ApplyReviewDecisionCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID reviewId,
      String decisionEventId,
      ReviewKind kind,
      Recommendation recommendation,
      Object decision) {}

  /**
   * Award with the committee's or officer's plan, or (when empty) the plan the proposal asked for.
   *
   * @param reviewId the committee's review that decided it; null for a program officer's direct
   *     award
   * @param reason why the officer awarded directly (required then, where the catalog allows it)
   */
  public record AwardGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      List<FiscalYearAmount> allocations,
      UUID reviewId,
      String reason) {
    /** A committee's award (or a direct one without a reason). */
    public AwardGrantCommand(
        UUID grantId, Long expectedVersion, List<FiscalYearAmount> allocations, UUID reviewId) {
      this(grantId, expectedVersion, allocations, reviewId, null);
    }
  }

  public record DeclineProposalCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      String reason,
      UUID reviewId) {}

  public record ReportAnnualFollowUpCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int fiscalYear,
      int principalInvestigators,
      int totalStaff,
      int researchers,
      int researchersFromAbroad,
      String narrative) {}

  public record ScheduleStageGateCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int fiscalYear,
      LocalDate scheduledOn) {}

  /**
   * Step up; allocations (optional) replace the plan for the years after the gate's.
   *
   * @param reason why a program officer decided directly (no review; required then)
   */
  public record PassStageGateCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      List<FiscalYearAmount> allocations,
      UUID reviewId,
      String reason) {
    /** A committee's pass (or a direct one without a reason). */
    public PassStageGateCommand(
        UUID grantId, Long expectedVersion, List<FiscalYearAmount> allocations, UUID reviewId) {
      this(grantId, expectedVersion, allocations, reviewId, null);
    }
  }

  /** Wind down; the grant ends at endFiscalYear (default: the year after the gate's). */
  public record FailStageGateCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      String reason,
      Integer endFiscalYear,
      List<FiscalYearAmount> allocations,
      UUID reviewId) {}

  public record ScheduleEvaluationCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      EvaluationKind kind,
      int fiscalYear) {}

  public record CompleteEvaluationCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      EvaluationKind kind,
      String grade,
      String summary,
      UUID reviewId) {}

  public record ExtendGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int additionalYears,
      List<FiscalYearAmount> allocations) {}

  /** Suspend a running grant (中断) from a date within its term. */
  public record SuspendGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      LocalDate effectiveDate,
      String reason) {}

  /** Resume a suspended grant (再開), back in the status it had. */
  public record ResumeGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      LocalDate effectiveDate,
      String reason) {}

  /** Replace the principal investigator (代表者交替) from a date, for a reason. */
  public record ChangePrincipalInvestigatorCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      Investigator principalInvestigator,
      LocalDate effectiveDate,
      String reason) {}

  /** Move the grant to other host institutions (the whole new list), within the host rule. */
  public record ChangeHostInstitutionsCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      List<String> hostInstitutions,
      LocalDate effectiveDate,
      String reason) {}

  /** Move the grant's end by whole fiscal years without money. */
  public record GrantNoCostExtensionCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int additionalYears,
      String reason) {}

  /** Grant a closed WPI center World Premier Status: it becomes a WPI Academy center. */
  public record GrantWorldPremierStatusCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      LocalDate effectiveDate,
      String reason) {}

  /** A WPI Academy center's annual report. */
  public record SubmitAcademyReportCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int fiscalYear,
      int principalInvestigators,
      int researchers,
      String narrative) {}

  /** Withdraw a center's World Premier Status. */
  public record WithdrawWorldPremierStatusCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      LocalDate effectiveDate,
      String reason) {}

  public record TerminateGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      int lastFiscalYear,
      String reason) {}

  public record CloseGrantCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      String note) {}

  public record RequestDisbursementCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      ExpenseCategory expenseCategory,
      String purpose) {}

  /**
   * The ledger's answer, applied from ledger-events.
   *
   * @param indirectCostYen the indirect costs paid with it; null in answers from before the ledger
   *     paid indirect costs
   */
  /**
   * The ledger's answers for one grant from one poll of ledger-events, recorded in order exactly as
   * if each had been sent on its own (each a Record…Command of this class), in one unit of work:
   * the grant loaded and locked once, its events appended together.
   */
  public record RecordLedgerAnswersCommand(
      @TargetAggregateIdentifier UUID grantId, List<LedgerAnswer> answers) {
    public RecordLedgerAnswersCommand {
      answers = List.copyOf(answers);
    }
  }

  /**
   * One of the ledger's answers: the Record…Command that records it, and the metadata of the events
   * it causes (who, why, correlation), which stand for that command's own.
   */
  public record LedgerAnswer(Object command, Map<String, String> metadata) {
    public LedgerAnswer {
      metadata = Map.copyOf(metadata);
    }
  }

  public record RecordFundsDisbursedCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      ExpenseCategory expenseCategory,
      Long indirectCostYen) {
    /** A payment without indirect costs. */
    public RecordFundsDisbursedCommand(
        UUID grantId,
        UUID disbursementId,
        int fiscalYear,
        long amountYen,
        ExpenseCategory expenseCategory) {
      this(grantId, disbursementId, fiscalYear, amountYen, expenseCategory, null);
    }
  }

  /** The ledger's refusal, applied from ledger-events. */
  public record RecordDisbursementRejectedCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      String rule,
      jp.grants.contracts.CapLevel capLevel,
      long headroomYen,
      String reason) {}

  /**
   * The ledger carried unspent money of a year over to the grant's next year, applied from
   * ledger-events.
   */
  public record RecordFundsCarriedOverCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID carryOverId,
      int fromFiscalYear,
      int toFiscalYear,
      long amountYen,
      long paidMovedYen,
      boolean approved,
      String reason) {}

  /** Money came back from the grant, as the ledger recorded it; applied from ledger-events. */
  public record RecordFundsRefundedCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID refundId,
      int fiscalYear,
      long amountYen,
      long indirectCostYen,
      long additionalChargeYen,
      RefundKind kind,
      String reason) {}

  /** The ledger accepted the annual financial report of a year; applied from ledger-events. */
  public record RecordAnnualReportAcceptedCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID reportId,
      int fiscalYear,
      List<CategoryAmount> spending,
      long reportedYen,
      long paidYen,
      long unspentYen,
      long transferredYen) {}

  /** The ledger determined the grant's final amount (額の確定); applied from ledger-events. */
  public record RecordGrantSettledCommand(
      @TargetAggregateIdentifier UUID grantId,
      UUID settlementId,
      long finalAmountYen,
      long finalIndirectCostYen,
      long refundedYen,
      long additionalChargeYen,
      List<FiscalYearAmount> finalByFiscalYear) {}

  /**
   * A program officer moves the grant's rules to another catalog version (GrantCatalogMigrated).
   */
  public record MigrateCatalogCommand(
      @TargetAggregateIdentifier UUID grantId,
      @TargetAggregateVersion Long expectedVersion,
      String toVersion,
      String reason) {}
}
