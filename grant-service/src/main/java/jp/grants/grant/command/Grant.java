package jp.grants.grant.command;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Decisions;
import jp.grants.catalog.FollowUpFigures;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Rules;
import jp.grants.catalog.StageGate;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.grant.AcademyReportSubmitted;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.AnnualReportAccepted;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FinalEvaluationCompleted;
import jp.grants.contracts.grant.FinalEvaluationScheduled;
import jp.grants.contracts.grant.FundsCarriedOver;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantCatalogMigrated;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.contracts.grant.GrantSuspended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.HostInstitutionsChanged;
import jp.grants.contracts.grant.InterimEvaluationCompleted;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.NoCostExtensionGranted;
import jp.grants.contracts.grant.PrincipalInvestigatorChanged;
import jp.grants.contracts.grant.ProposalDeclined;
import jp.grants.contracts.grant.ProposalRejected;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.RequirementShortfall;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.contracts.grant.WorldPremierStatusGranted;
import jp.grants.contracts.grant.WorldPremierStatusWithdrawn;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.rule.Rule;
import jp.grants.contracts.rule.RuleViolation;
import jp.grants.grant.command.Commands.ApplyReviewDecisionCommand;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.ChangeHostInstitutionsCommand;
import jp.grants.grant.command.Commands.ChangePrincipalInvestigatorCommand;
import jp.grants.grant.command.Commands.CloseGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.ExtendGrantCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.GrantNoCostExtensionCommand;
import jp.grants.grant.command.Commands.GrantWorldPremierStatusCommand;
import jp.grants.grant.command.Commands.MigrateCatalogCommand;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.RecordAnnualReportAcceptedCommand;
import jp.grants.grant.command.Commands.RecordDisbursementRejectedCommand;
import jp.grants.grant.command.Commands.RecordFundsCarriedOverCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.RecordFundsRefundedCommand;
import jp.grants.grant.command.Commands.RecordGrantSettledCommand;
import jp.grants.grant.command.Commands.RecordLedgerAnswersCommand;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.Commands.ResumeGrantCommand;
import jp.grants.grant.command.Commands.ScheduleEvaluationCommand;
import jp.grants.grant.command.Commands.ScheduleStageGateCommand;
import jp.grants.grant.command.Commands.ScreenProposalCommand;
import jp.grants.grant.command.Commands.SubmitAcademyReportCommand;
import jp.grants.grant.command.Commands.SubmitProposalCommand;
import jp.grants.grant.command.Commands.SuspendGrantCommand;
import jp.grants.grant.command.Commands.TerminateGrantCommand;
import jp.grants.grant.command.Commands.WithdrawWorldPremierStatusCommand;
import jp.grants.grant.command.GrantView.AnnualReport;
import jp.grants.grant.command.GrantView.Evaluation;
import jp.grants.grant.command.GrantView.FiscalYearDisbursements;
import jp.grants.grant.command.GrantView.FollowUp;
import jp.grants.grant.command.GrantView.OpenDisbursement;
import jp.grants.grant.command.GrantView.Settlement;
import jp.grants.grant.command.GrantView.StageGateState;
import jp.grants.grant.command.GrantView.YearMoney;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;

/**
 * One research grant, from proposal to closeout. Each command handler checks the program's rules
 * and then applies an event; state changes only in the event-sourcing handlers, so replaying the
 * events (live, or by an auditor up to any point) always rebuilds the same state. Handlers return
 * the grant's version after the command, which the API returns as the ETag.
 *
 * <p><b>Money, in constant state.</b> The grant's side of a payment must cost the same at the
 * 10,000th as at the first, so the aggregate (and its snapshot) keeps only what its rules need,
 * none of it growing with the number of payments:
 *
 * <ul>
 *   <li>the <em>open</em> disbursements: requested through grant-service and not yet answered by
 *       the ledger. They reserve the year's allocation ({@link #committedIn}) and their ids are
 *       refused for a new request ({@code DISBURSEMENT-ID-UNIQUE}). An answer removes the
 *       disbursement.
 *   <li>per fiscal year, the yen the ledger paid and how many payments and refusals ({@link
 *       FiscalYearDisbursements}): what {@code GRANT-YEAR-ALLOCATION} and the view need.
 *   <li>the ids of the last {@value #RECENTLY_SETTLED_KEPT} settled disbursements, a bounded
 *       window.
 *   <li>per fiscal year, the sums of the ledger's other operations ({@link YearMoney}): gross paid
 *       and indirect costs, carried in and out (allocation and paid money), refunded, the accepted
 *       annual report's figures and the settled final amount. Carry-overs move the plan itself (the
 *       year given −amount, the next year +amount, the total unchanged), so {@code
 *       GRANT-YEAR-ALLOCATION} checks against the moved plan; refunds and paid money carried over
 *       move the year's paid sum ({@link FiscalYearDisbursements#disbursedYen()} is what the year
 *       holds: paid − refunded − paid carried out + paid carried in).
 *   <li>the ids of the last {@value #RECENT_OPERATIONS_KEPT} carry-overs and refunds, a bounded
 *       window like the settled disbursements'. An annual report is recorded once per year (the
 *       ledger accepts one per grant-year) and a settlement once per grant, so their ids need no
 *       window: a second copy is recognised by its year, or by the settlement already recorded.
 *   <li>the settlement ({@link Settlement}), once the ledger settled the grant. A grant that was
 *       ever paid money closes only after it, and with no disbursement open ({@code
 *       GRANT-UNSETTLED}).
 * </ul>
 *
 * <p>A redelivered ledger answer never reaches this aggregate twice: the inbox drops it by its
 * event id, which the ledger derives from the disbursement id ({@code
 * LedgerEventPublisher.answerEventId}), and the ledger answers each disbursement id exactly once
 * (its disbursement table is keyed by it; a second request with the id gets the first answer back,
 * with no new event). So a second answer <em>with another event id</em> would need a ledger that
 * breaks that contract. Against that, answers for an id among the recently settled ones are still
 * ignored here; an answer for any other id that is not open is recorded once, as a payment the
 * grant did not request (the ledger also pays requests made on its own REST API).
 *
 * <p>{@code DISBURSEMENT-ID-UNIQUE} refuses an id that is open or recently settled. An id settled
 * long ago is not remembered, and need not be: the REST API never takes a disbursement id from the
 * caller (grant-service draws a random UUID per request, and an Idempotency-Key retry replays the
 * first answer rather than sending the command again), so an old id cannot come back. The
 * uniqueness that matters is the ledger's, across all grants, which no per-grant memory could cover
 * anyway; were an old id reused, the ledger would answer it as the duplicate it is, with no effect
 * (and the request would stay open here). See grant-service/README.md.
 *
 * <p>The full list of disbursements, settled ones included, is the read model's ({@code
 * grant_disbursement}, {@code GET /api/v1/grants/{id}/disbursements}). Snapshots of this shape are
 * revision 3 (revision 2 had no per-year money of carry-overs, refunds, reports and the settlement,
 * and its paid sums did not net refunds): older snapshots, and those of the first shape (which held
 * every disbursement, no revision), are skipped when a grant is loaded, and it is rebuilt from its
 * events (see {@code AxonRuntime}).
 *
 * <p><b>Rules pinned per grant.</b> A grant's rules come from one version of the program catalog,
 * {@link #catalogVersion}: the current version when the proposal was submitted (the award is
 * checked against it and so confirms it: a grant keeps the rules of the version it was awarded
 * under). A newer catalog changes only grants submitted under it; a program officer moves a grant
 * to another version explicitly ({@link GrantCatalogMigrated}, checked against the target's rules).
 * Every event is applied through {@link #apply(Object)}, which records the version it was checked
 * against as the metadata {@value #CATALOG_VERSION}; a grant whose events record none (its history
 * predates versioning) is pinned to the catalog's baseline version. Revision 4 of the snapshots
 * holds the version (revision 3 had none); revision 7 the call for proposals the grant was
 * submitted to (revision 6 had none: its snapshots are skipped and the grant rebuilt).
 */
@Revision(Grant.SNAPSHOT_REVISION)
public class Grant {
  /** The revision of this class's snapshots; raise it whenever a field changes meaning or shape. */
  public static final String SNAPSHOT_REVISION = "7";

  /** The event metadata naming the catalog version an event was checked against. */
  public static final String CATALOG_VERSION = "catalogVersion";

  /** How many carry-over and refund ids the aggregate keeps (oldest dropped first). */
  public static final int RECENT_OPERATIONS_KEPT = 32;

  /** How many settled disbursement ids the aggregate keeps (oldest dropped first). */
  public static final int RECENTLY_SETTLED_KEPT = 32;

  @AggregateIdentifier private UUID grantId;
  private String programCode;

  /** The call for proposals the proposal was submitted to; null outside a call. */
  private UUID callId;

  private GrantStatus status;
  private String title;
  private String applicantId;
  private Investigator principalInvestigator;
  private List<String> hostInstitutions = new ArrayList<>();
  private int startFiscalYear;
  private int endFiscalYear;
  private String phase;
  private List<FiscalYearAmount> requestedPlan = new ArrayList<>();

  /**
   * The proposal's planned figures, which the award checks against the initial phase's
   * requirements.
   */
  private CenterFigures plannedFigures;

  private TreeMap<Integer, Long> plan = new TreeMap<>();
  private long totalAwardedYen;
  private TreeMap<Integer, FollowUp> followUps = new TreeMap<>();
  private StageGateState stageGate;
  private Map<EvaluationKind, Evaluation> evaluations = new LinkedHashMap<>();
  private int extensionYears;
  private int noCostExtensionYears;

  /** While a WPI Academy center: since when, on which final grade; null otherwise. */
  private GrantView.Academy academy;

  /** The WPI Academy reports by fiscal year (kept when the status is lost). */
  private TreeMap<Integer, GrantView.AcademyReport> academyReports = new TreeMap<>();

  /** While suspended: since when, why, and the status it resumes to; null otherwise. */
  private GrantView.Suspension suspension;

  /** Requested through grant-service, not yet answered by the ledger. */
  private Map<UUID, OpenDisbursement> openDisbursements = new LinkedHashMap<>();

  /** Per fiscal year: paid yen, payments and refusals. */
  private TreeMap<Integer, FiscalYearDisbursements> disbursementsByFiscalYear = new TreeMap<>();

  /** The last {@link #RECENTLY_SETTLED_KEPT} settled disbursement ids, oldest first. */
  private LinkedHashSet<UUID> recentlySettled = new LinkedHashSet<>();

  /**
   * Per fiscal year: the sums of payments, carry-overs, refunds, the accepted report and the final
   * amount.
   */
  private TreeMap<Integer, YearMoney> moneyByFiscalYear = new TreeMap<>();

  /** The last {@link #RECENT_OPERATIONS_KEPT} carry-over and refund ids recorded, oldest first. */
  private LinkedHashSet<UUID> recentOperations = new LinkedHashSet<>();

  /** The ledger's settlement; null until the grant is settled. */
  private Settlement settlement;

  /**
   * The catalog version the grant's rules come from (pinned at submission, moved only by a
   * migration).
   */
  private String catalogVersion;

  /**
   * While a batch of the ledger's answers is recorded: the metadata of the answer at hand, which
   * its events carry instead of the batch command's (never in a snapshot).
   */
  private transient MetaData answerMetaData;

  protected Grant() {
    // for Axon and for snapshots
  }

  // ---- proposal -------------------------------------------------------------------------------

  @CommandHandler
  public Grant(SubmitProposalCommand command) {
    Program program = ProgramCatalog.load().require(command.programCode());
    Rules.checkDuration(program, command.durationYears());
    Rules.checkHosts(program, command.hostInstitutions());
    int last = command.startFiscalYear() + command.durationYears() - 1;
    GrantRules.checkPlanInPhase(
        program, program.initialPhase(), command.requestedPlan(), command.startFiscalYear(), last);
    Rules.checkTotal(program, FiscalYearAmount.total(command.requestedPlan()));
    CenterFigures planned = command.plannedFigures();
    if (planned != null) {
      checkFigures(
          GrantRule.PLANNED_FIGURES,
          planned.principalInvestigators(),
          planned.totalStaff(),
          planned.researchers(),
          planned.researchersFromAbroad());
    }
    apply(
        new ProposalSubmitted(
            command.grantId(),
            program.code(),
            command.title(),
            command.summary(),
            command.applicantId(),
            command.principalInvestigator(),
            List.copyOf(command.hostInstitutions()),
            command.startFiscalYear(),
            command.durationYears(),
            sorted(command.requestedPlan()),
            planned,
            command.callId()));
  }

  @CommandHandler
  public Long handle(ScreenProposalCommand command) {
    requireStatus("screen", GrantStatus.PROPOSED);
    if (command.eligible()) {
      apply(new ProposalScreened(grantId, programCode, command.note()));
    } else {
      apply(new ProposalRejected(grantId, command.note()));
    }
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(AwardGrantCommand command, CallQuota calls) {
    requireStatus("award", GrantStatus.SCREENED);
    Program program = program();
    Decisions.checkDecider(program, ReviewKind.SELECTION, command.reviewId(), command.reason());
    List<FiscalYearAmount> allocations =
        command.allocations() == null || command.allocations().isEmpty()
            ? requestedPlan
            : command.allocations();
    // The rules review-service checked the committee's decision with, before the review was
    // decided.
    // Its planned figures too: the call's requirements are conditions of eligibility
    // (docs/seed-rules.md).
    Decisions.checkAward(program, plannedFigures, allocations, startFiscalYear, endFiscalYear);
    if (callId != null) {
      calls.take(callId, grantId); // last: every other rule has passed
    }
    long total = FiscalYearAmount.total(allocations);
    apply(
        new GrantAwarded(
            grantId,
            programCode,
            program.initialPhase().code(),
            startFiscalYear,
            endFiscalYear,
            sorted(allocations),
            total,
            program.eligibleExpenses(),
            command.reviewId(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * A committee's decision: taken as its own command would be (its review id makes it one the
   * catalog's deciders accept where only the committee decides, {@code DECISION-BY-COMMITTEE}); a
   * refusal by a rule is recorded as CommitteeDecisionRefused (the handlers check every rule before
   * they apply anything, so nothing of the refused decision is applied).
   */
  @CommandHandler
  public Long handle(ApplyReviewDecisionCommand command, CallQuota calls) {
    try {
      return decide(command.decision(), calls);
    } catch (RuleViolation refusal) {
      apply(
          new CommitteeDecisionRefused(
              grantId,
              command.reviewId(),
              command.decisionEventId(),
              command.kind(),
              command.recommendation(),
              refusal.ruleName(),
              refusal.getMessage()));
      return AggregateLifecycle.getVersion();
    }
  }

  private Long decide(Object decision, CallQuota calls) {
    if (decision == null) {
      throw new IllegalArgumentException("a review decision carries its command");
    }
    if (decision instanceof AwardGrantCommand award) {
      return handle(award, calls);
    } else if (decision instanceof DeclineProposalCommand decline) {
      return handle(decline);
    } else if (decision instanceof PassStageGateCommand pass) {
      return handle(pass);
    } else if (decision instanceof FailStageGateCommand fail) {
      return handle(fail);
    } else if (decision instanceof CompleteEvaluationCommand evaluation) {
      return handle(evaluation);
    }
    throw new IllegalArgumentException(
        "not a committee decision: " + decision.getClass().getSimpleName());
  }

  @CommandHandler
  public Long handle(DeclineProposalCommand command) {
    requireStatus("decline", GrantStatus.SCREENED);
    Decisions.checkDecider(program(), ReviewKind.SELECTION, command.reviewId(), command.reason());
    apply(new ProposalDeclined(grantId, command.reason(), command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  // ---- running grant --------------------------------------------------------------------------

  @CommandHandler
  public Long handle(ReportAnnualFollowUpCommand command) {
    requireRunning("report a follow-up for");
    requireWithinGrant(command.fiscalYear());
    if (followUps.containsKey(command.fiscalYear())) {
      throw GrantRule.FOLLOW_UP_ONCE.violation(
          "the follow-up for FY" + command.fiscalYear() + " was reported already");
    }
    checkFigures(
        GrantRule.FOLLOW_UP_FIGURES,
        command.principalInvestigators(),
        command.totalStaff(),
        command.researchers(),
        command.researchersFromAbroad());
    CenterFigures reported =
        new CenterFigures(
            command.principalInvestigators(),
            command.totalStaff(),
            command.researchers(),
            command.researchersFromAbroad());
    // Below the current phase's requirements the center is flagged, not refused
    // (docs/seed-rules.md).
    List<RequirementShortfall> shortfalls =
        Decisions.followUpShortfalls(program(), phase, reported);
    apply(
        new AnnualFollowUpReported(
            grantId,
            command.fiscalYear(),
            command.principalInvestigators(),
            command.totalStaff(),
            command.researchers(),
            command.researchersFromAbroad(),
            command.narrative(),
            shortfalls));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ScheduleStageGateCommand command) {
    requireStatus("schedule a stage gate for", GrantStatus.ACTIVE);
    Program program = program();
    StageGate gate = GrantRules.requireGate(program, phase);
    if (stageGate != null && stageGate.outcome() == null) {
      throw GrantRule.STAGE_GATE_ALREADY_SCHEDULED.violation(
          "a stage gate is already scheduled for FY" + stageGate.fiscalYear());
    }
    int deadline = startFiscalYear + gate.latestYear() - 1;
    if (command.fiscalYear() < startFiscalYear || command.fiscalYear() > deadline) {
      throw GrantRule.STAGE_GATE_DEADLINE.violation(
          program.code()
              + " holds its stage gate by year "
              + gate.latestYear()
              + " of the grant: between FY"
              + startFiscalYear
              + " and FY"
              + deadline
              + "; FY"
              + command.fiscalYear()
              + " asked");
    }
    apply(
        new StageGateScheduled(
            grantId, programCode, command.fiscalYear(), command.scheduledOn(), gate.toPhase()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(PassStageGateCommand command) {
    requireScheduledGate();
    Program program = program();
    Decisions.checkDecider(program, ReviewKind.STAGE_GATE, command.reviewId(), command.reason());
    Phase target = program.phase(stageGate.targetPhase()).orElseThrow();
    Decisions.checkStageGateReadiness(
        program, target.code(), stageGate.fiscalYear(), latestFollowUpForGate());
    int gateYear = stageGate.fiscalYear();
    List<FiscalYearAmount> after =
        command.allocations() == null || command.allocations().isEmpty()
            ? planAfter(gateYear, endFiscalYear)
            : command.allocations();
    Decisions.checkStageGatePass(program, target.code(), after, gateYear, endFiscalYear);
    long total = totalWithReplaced(after, gateYear);
    Rules.checkTotal(program, total);
    apply(
        new StageGatePassed(
            grantId,
            gateYear,
            phase,
            target.code(),
            sorted(after),
            total,
            command.reviewId(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(FailStageGateCommand command) {
    requireScheduledGate();
    Decisions.checkDecider(program(), ReviewKind.STAGE_GATE, command.reviewId(), command.reason());
    int gateYear = stageGate.fiscalYear();
    StageGate gate = GrantRules.requireGate(program(), phase);
    int end =
        command.endFiscalYear() == null
            ? gate.latestWindDownEnd(gateYear, endFiscalYear)
            : command.endFiscalYear();
    Decisions.checkWindDownEnd(program(), gate, gateYear, endFiscalYear, end);
    List<FiscalYearAmount> after =
        command.allocations() == null || command.allocations().isEmpty()
            ? planAfter(gateYear, end)
            : command.allocations();
    if (end > gateYear) {
      GrantRules.checkPlanInPhase(
          program(), program().phase(phase).orElseThrow(), after, gateYear + 1, end);
    }
    long total = totalWithReplaced(after, gateYear);
    apply(
        new StageGateFailed(
            grantId, gateYear, command.reason(), end, sorted(after), total, command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ScheduleEvaluationCommand command) {
    requireRunning("schedule an evaluation for");
    requireWithinGrant(command.fiscalYear());
    if (command.kind() == EvaluationKind.INTERIM) {
      Decisions.checkInterimYear(program(), startFiscalYear, command.fiscalYear());
    }
    if (evaluations.containsKey(command.kind())) {
      throw GrantRule.EVALUATION_ONCE.violation(
          "the "
              + command.kind()
              + " evaluation was scheduled already (FY"
              + evaluations.get(command.kind()).fiscalYear()
              + ")");
    }
    apply(
        command.kind() == EvaluationKind.INTERIM
            ? new InterimEvaluationScheduled(grantId, programCode, command.fiscalYear())
            : new FinalEvaluationScheduled(grantId, programCode, command.fiscalYear()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(CompleteEvaluationCommand command) {
    requireRunning("complete an evaluation of");
    Evaluation scheduled = evaluations.get(command.kind());
    if (scheduled == null) {
      throw GrantRule.EVALUATION_SCHEDULED.violation(
          "no " + command.kind() + " evaluation is scheduled");
    }
    if (scheduled.grade() != null) {
      throw GrantRule.EVALUATION_ONCE.violation(
          "the " + command.kind() + " evaluation is complete already");
    }
    Decisions.checkDecider(
        program(),
        command.kind() == EvaluationKind.INTERIM
            ? ReviewKind.INTERIM_EVALUATION
            : ReviewKind.FINAL_EVALUATION,
        command.reviewId(),
        command.summary());
    if (!GrantRules.GRADES.contains(command.grade())) {
      throw GrantRule.EVALUATION_GRADE.violation("grade must be one of " + GrantRules.GRADES);
    }
    apply(
        command.kind() == EvaluationKind.INTERIM
            ? new InterimEvaluationCompleted(
                grantId,
                scheduled.fiscalYear(),
                command.grade(),
                command.summary(),
                command.reviewId())
            : new FinalEvaluationCompleted(
                grantId,
                scheduled.fiscalYear(),
                command.grade(),
                command.summary(),
                command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ExtendGrantCommand command) {
    requireStatus("extend", GrantStatus.ACTIVE);
    Program program = program();
    if (program.extension() == null) {
      throw GrantRule.EXTENSION_IN_PROGRAM.violation(program.code() + " grants cannot be extended");
    }
    int allowed = program.extension().maxYears() - extensionYears;
    if (command.additionalYears() < 1 || command.additionalYears() > allowed) {
      throw GrantRule.EXTENSION_YEARS.violation(
          program.code()
              + " extends by at most "
              + program.extension().maxYears()
              + " years in all; "
              + allowed
              + " left, "
              + command.additionalYears()
              + " asked");
    }
    if (evaluations.values().stream().noneMatch(e -> e.grade() != null)) {
      throw GrantRule.EXTENSION_NEEDS_EVALUATION.violation(
          "an extension is decided on a completed interim or final evaluation; none is complete");
    }
    String best =
        evaluations.values().stream()
            .map(Evaluation::grade)
            .filter(java.util.Objects::nonNull)
            .min(java.util.Comparator.comparingInt(jp.grants.catalog.Extension.GRADES::indexOf))
            .orElseThrow();
    Decisions.checkExtensionGrade(program, best);
    int newEnd = endFiscalYear + command.additionalYears();
    Phase extensionPhase = program.phase(program.extension().phase()).orElseThrow();
    Rules.checkPlan(program, extensionPhase, command.allocations(), endFiscalYear + 1, newEnd);
    long total = Math.addExact(totalAwardedYen, FiscalYearAmount.total(command.allocations()));
    Rules.checkTotal(program, total);
    apply(
        new GrantExtended(
            grantId,
            command.additionalYears(),
            newEnd,
            extensionPhase.code(),
            sorted(command.allocations()),
            total));
    return AggregateLifecycle.getVersion();
  }

  /**
   * A running grant is suspended (中断) from a date in its term: from then on nothing is paid,
   * requested or reported until it is resumed or terminated.
   */
  @CommandHandler
  public Long handle(SuspendGrantCommand command) {
    requireRunning("suspend");
    requireDateInTerm(GrantRule.SUSPENSION_DATE, "a suspension", command.effectiveDate());
    apply(new GrantSuspended(grantId, command.effectiveDate(), status.name(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /** A suspended grant is resumed (再開) in the status it had; its term and money do not move. */
  @CommandHandler
  public Long handle(ResumeGrantCommand command) {
    requireStatus("resume", GrantStatus.SUSPENDED);
    if (command.effectiveDate().isBefore(suspension.since())) {
      throw GrantRule.SUSPENSION_DATE.violation(
          "the grant is suspended since "
              + suspension.since()
              + "; it cannot resume on "
              + command.effectiveDate()
              + ", before that");
    }
    int days = (int) ChronoUnit.DAYS.between(suspension.since(), command.effectiveDate());
    apply(
        new GrantResumed(
            grantId,
            command.effectiveDate(),
            days,
            suspension.resumesTo().name(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(TerminateGrantCommand command) {
    // A suspended grant may be ended too: that is often why it was suspended.
    requireStatus("terminate", GrantStatus.ACTIVE, GrantStatus.WINDING_DOWN, GrantStatus.SUSPENDED);
    if (command.lastFiscalYear() < startFiscalYear || command.lastFiscalYear() > endFiscalYear) {
      throw GrantRule.TERMINATION_YEAR.violation(
          "the last fiscal year must lie between FY" + startFiscalYear + " and FY" + endFiscalYear);
    }
    apply(new GrantTerminated(grantId, command.lastFiscalYear(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(CloseGrantCommand command) {
    // A terminated grant is closed out too, once its money is settled.
    requireStatus("close", GrantStatus.ACTIVE, GrantStatus.WINDING_DOWN, GrantStatus.TERMINATED);
    if (!openDisbursements.isEmpty()) {
      throw GrantRule.GRANT_UNSETTLED.violation(
          openDisbursements.size()
              + " disbursement(s) requested of the ledger are not answered yet; the grant closes once every one is");
    }
    if (settlement == null && everPaid()) {
      throw GrantRule.GRANT_UNSETTLED.violation(
          "the grant was paid "
              + Rules.yen(grossPaid())
              + " and the ledger has not settled it (額の確定): every year with money must"
              + " be reported and nothing paid left unspent, then the ledger's settlement closes the books");
    }
    apply(
        new GrantClosed(
            grantId, command.note(), settlement == null ? null : settlement.finalAmountYen()));
    return AggregateLifecycle.getVersion();
  }

  // ---- changes during a grant -----------------------------------------------------------------

  /**
   * The principal investigator (a WPI center's director) is replaced (代表者交替) from a date in the
   * grant's term, also while it is suspended (a departing PI is a common reason to suspend).
   */
  @CommandHandler
  public Long handle(ChangePrincipalInvestigatorCommand command) {
    requireStatus(
        "change the principal investigator of",
        GrantStatus.ACTIVE,
        GrantStatus.WINDING_DOWN,
        GrantStatus.SUSPENDED);
    requireDateInTerm(
        GrantRule.CHANGE_DATE, "the change of principal investigator", command.effectiveDate());
    if (command.principalInvestigator().equals(principalInvestigator)) {
      throw GrantRule.PI_CHANGE_SAME.violation(
          command.principalInvestigator().name()
              + " ("
              + command.principalInvestigator().institution()
              + ") is the principal investigator already");
    }
    apply(
        new PrincipalInvestigatorChanged(
            grantId,
            principalInvestigator,
            command.principalInvestigator(),
            command.effectiveDate(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * The grant moves to other host institutions (the whole new list: a move, or for Multiple Host
   * WPI a host added or removed), checked against the program's host rule as a proposal is.
   */
  @CommandHandler
  public Long handle(ChangeHostInstitutionsCommand command) {
    requireStatus(
        "change the host institutions of",
        GrantStatus.ACTIVE,
        GrantStatus.WINDING_DOWN,
        GrantStatus.SUSPENDED);
    requireDateInTerm(
        GrantRule.CHANGE_DATE, "the change of host institutions", command.effectiveDate());
    Rules.checkHosts(program(), command.hostInstitutions());
    if (new java.util.HashSet<>(command.hostInstitutions())
        .equals(new java.util.HashSet<>(hostInstitutions))) {
      throw GrantRule.HOST_CHANGE_SAME.violation(
          "the grant is hosted by " + hostInstitutions + " already");
    }
    apply(
        new HostInstitutionsChanged(
            grantId,
            List.copyOf(hostInstitutions),
            List.copyOf(new LinkedHashSet<>(command.hostInstitutions())),
            command.effectiveDate(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * The end moves by whole fiscal years and the money does not: the total and every year's
   * allocation stay as they are, so a new year holds only what the carry-over rules move into it.
   * Only a running grant (not one winding down after a failed gate, whose end is that decision's),
   * at most {@value GrantRules#NO_COST_EXTENSION_MAX_YEARS} year(s) in all, before its settlement.
   */
  @CommandHandler
  public Long handle(GrantNoCostExtensionCommand command) {
    requireStatus("extend at no cost", GrantStatus.ACTIVE);
    if (settlement != null) {
      throw CatalogRule.GRANT_SETTLED.violation(
          "the ledger settled the grant; its term no longer moves");
    }
    int left = GrantRules.NO_COST_EXTENSION_MAX_YEARS - noCostExtensionYears;
    if (command.additionalYears() < 1 || command.additionalYears() > left) {
      throw GrantRule.NO_COST_EXTENSION_YEARS.violation(
          "a grant's end moves without money by at most "
              + GrantRules.NO_COST_EXTENSION_MAX_YEARS
              + " fiscal year(s) in all; "
              + left
              + " left, "
              + command.additionalYears()
              + " asked");
    }
    apply(
        new NoCostExtensionGranted(
            grantId,
            command.additionalYears(),
            endFiscalYear + command.additionalYears(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  // ---- WPI Academy ----------------------------------------------------------------------------

  /**
   * A closed WPI center whose final evaluation was graded {@value GrantRules#WORLD_PREMIER_GRADE}
   * is granted World Premier Status: a WPI Academy center (assumptions in docs/seed-rules.md §6 and
   * §20).
   */
  @CommandHandler
  public Long handle(GrantWorldPremierStatusCommand command) {
    requireStatus("grant World Premier Status to", GrantStatus.CLOSED);
    Program program = program();
    if (!GrantRules.WPI_POOL.equals(program.budgetPool())) {
      throw GrantRule.ACADEMY_PROGRAM.violation(
          "World Premier Status is for WPI centers (WPI, WPI-CORE, WPI-MULTI); this grant is "
              + program.code());
    }
    Evaluation last = evaluations.get(EvaluationKind.FINAL);
    String grade = last == null ? null : last.grade();
    if (!GrantRules.WORLD_PREMIER_GRADE.equals(grade)) {
      throw GrantRule.ACADEMY_EVALUATION.violation(
          "World Premier Status is granted on a final evaluation graded "
              + GrantRules.WORLD_PREMIER_GRADE
              + "; this center's is "
              + (grade == null ? "not graded" : grade));
    }
    apply(new WorldPremierStatusGranted(grantId, command.effectiveDate(), grade, command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /** An Academy center reports once a fiscal year, from the year it was granted the status. */
  @CommandHandler
  public Long handle(SubmitAcademyReportCommand command) {
    requireStatus("report as a WPI Academy center on", GrantStatus.ACADEMY);
    int since = FiscalYears.of(academy.since());
    if (command.fiscalYear() < since) {
      throw GrantRule.ACADEMY_REPORT_YEAR.violation(
          "the center is in the WPI Academy since FY"
              + since
              + "; FY"
              + command.fiscalYear()
              + " is before that");
    }
    if (academyReports.containsKey(command.fiscalYear())) {
      throw GrantRule.ACADEMY_REPORT_ONCE.violation(
          "the Academy report for FY" + command.fiscalYear() + " was submitted already");
    }
    if (command.principalInvestigators() < 0
        || command.researchers() < 0
        || command.principalInvestigators() > command.researchers()) {
      throw GrantRule.FOLLOW_UP_FIGURES.violation(
          "0 <= principal investigators <= researchers must hold; got "
              + command.principalInvestigators()
              + " and "
              + command.researchers());
    }
    apply(
        new AcademyReportSubmitted(
            grantId,
            command.fiscalYear(),
            command.principalInvestigators(),
            command.researchers(),
            command.narrative()));
    return AggregateLifecycle.getVersion();
  }

  /** The center loses World Premier Status and is a closed grant again. */
  @CommandHandler
  public Long handle(WithdrawWorldPremierStatusCommand command) {
    requireStatus("withdraw World Premier Status of", GrantStatus.ACADEMY);
    if (command.effectiveDate().isBefore(academy.since())) {
      throw GrantRule.CHANGE_DATE.violation(
          "the center holds World Premier Status since "
              + academy.since()
              + "; it cannot lose it on "
              + command.effectiveDate());
    }
    apply(new WorldPremierStatusWithdrawn(grantId, command.effectiveDate(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  private void requireDateInTerm(Rule rule, String what, LocalDate date) {
    int year = FiscalYears.of(date);
    if (year < startFiscalYear || year > endFiscalYear) {
      throw rule.violation(
          what
              + " takes effect within the grant's term, FY"
              + startFiscalYear
              + " to FY"
              + endFiscalYear
              + "; "
              + date
              + " is in FY"
              + year);
    }
  }

  @EventSourcingHandler
  void on(PrincipalInvestigatorChanged event) {
    principalInvestigator = event.principalInvestigator();
  }

  @EventSourcingHandler
  void on(HostInstitutionsChanged event) {
    hostInstitutions = new ArrayList<>(event.hostInstitutions());
  }

  @EventSourcingHandler
  void on(NoCostExtensionGranted event) {
    noCostExtensionYears += event.additionalYears();
    endFiscalYear = event.endFiscalYear();
  }

  @EventSourcingHandler
  void on(WorldPremierStatusGranted event) {
    status = GrantStatus.ACADEMY;
    academy = new GrantView.Academy(event.effectiveDate(), event.finalEvaluationGrade());
  }

  @EventSourcingHandler
  void on(AcademyReportSubmitted event) {
    academyReports.put(
        event.fiscalYear(),
        new GrantView.AcademyReport(
            event.principalInvestigators(), event.researchers(), event.narrative()));
  }

  @EventSourcingHandler
  void on(WorldPremierStatusWithdrawn event) {
    status = GrantStatus.CLOSED;
    academy = null;
  }

  // ---- money ----------------------------------------------------------------------------------

  @CommandHandler
  public Long handle(RequestDisbursementCommand command) {
    requireRunning("pay out of");
    if (settlement != null) {
      throw CatalogRule.GRANT_SETTLED.violation(
          "the ledger settled the grant's final amount ("
              + Rules.yen(settlement.finalAmountYen())
              + "); no more money moves");
    }
    requireWithinGrant(command.fiscalYear());
    Rules.checkExpense(program(), command.expenseCategory());
    if (command.amountYen() <= 0) {
      throw GrantRule.DISBURSEMENT_AMOUNT.violation("a disbursement is a positive amount of yen");
    }
    // Open or recently settled ids only: why that suffices is in the class comment.
    if (openDisbursements.containsKey(command.disbursementId())
        || recentlySettled.contains(command.disbursementId())) {
      throw GrantRule.DISBURSEMENT_ID_UNIQUE.violation(
          "disbursement " + command.disbursementId() + " exists");
    }
    long allocated = plan.getOrDefault(command.fiscalYear(), 0L);
    long committed = committedIn(command.fiscalYear());
    if (committed + command.amountYen() > allocated) {
      throw GrantRule.GRANT_YEAR_ALLOCATION.violation(
          "FY"
              + command.fiscalYear()
              + " allocation is "
              + Rules.yen(allocated)
              + ", of which "
              + Rules.yen(committed)
              + " is paid or requested; "
              + Rules.yen(command.amountYen())
              + " would exceed it by "
              + Rules.yen(committed + command.amountYen() - allocated));
    }
    apply(
        new DisbursementRequested(
            grantId,
            command.disbursementId(),
            programCode,
            command.fiscalYear(),
            command.amountYen(),
            command.expenseCategory(),
            command.purpose()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * The ledger's answers of one poll, each recorded by its own handler below, in order, each event
   * with the metadata of the answer that caused it: the history reads as if they had come one by
   * one.
   */
  @CommandHandler
  public Long handle(RecordLedgerAnswersCommand batch) {
    try {
      for (Commands.LedgerAnswer answer : batch.answers()) {
        answerMetaData = MetaData.from(answer.metadata());
        record(answer.command());
      }
    } finally {
      answerMetaData = null;
    }
    return AggregateLifecycle.getVersion();
  }

  private void record(Object answer) {
    if (answer instanceof RecordFundsDisbursedCommand paid && grantId.equals(paid.grantId())) {
      handle(paid);
    } else if (answer instanceof RecordDisbursementRejectedCommand refused
        && grantId.equals(refused.grantId())) {
      handle(refused);
    } else if (answer instanceof RecordFundsCarriedOverCommand carried
        && grantId.equals(carried.grantId())) {
      handle(carried);
    } else if (answer instanceof RecordFundsRefundedCommand refunded
        && grantId.equals(refunded.grantId())) {
      handle(refunded);
    } else if (answer instanceof RecordAnnualReportAcceptedCommand report
        && grantId.equals(report.grantId())) {
      handle(report);
    } else if (answer instanceof RecordGrantSettledCommand settled
        && grantId.equals(settled.grantId())) {
      handle(settled);
    } else {
      throw new IllegalArgumentException(
          "not a ledger answer for grant " + grantId + ": " + answer);
    }
  }

  /**
   * The ledger paid: recorded once, whatever the grant's status (the money has moved), also when
   * the grant never requested it (the ledger's own REST API).
   */
  @CommandHandler
  public Long handle(RecordFundsDisbursedCommand command) {
    if (recentlySettled.contains(command.disbursementId())) {
      return AggregateLifecycle.getVersion(); // settled just now: a second answer changes nothing
    }
    apply(
        new FundsDisbursed(
            grantId,
            command.disbursementId(),
            command.fiscalYear(),
            command.amountYen(),
            command.expenseCategory(),
            command.indirectCostYen()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * The ledger carried money over (繰越): recorded once, whatever the grant's status. The ledger
   * checked the rules (the grant's last year, the date, what can move); the grant records it.
   */
  @CommandHandler
  public Long handle(RecordFundsCarriedOverCommand command) {
    if (recentOperations.contains(command.carryOverId())) {
      return AggregateLifecycle.getVersion();
    }
    apply(
        new FundsCarriedOver(
            grantId,
            command.carryOverId(),
            command.fromFiscalYear(),
            command.toFiscalYear(),
            command.amountYen(),
            command.paidMovedYen(),
            command.approved(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /** Money came back (返還): recorded once, whatever the grant's status. */
  @CommandHandler
  public Long handle(RecordFundsRefundedCommand command) {
    if (recentOperations.contains(command.refundId())) {
      return AggregateLifecycle.getVersion();
    }
    apply(
        new FundsRefunded(
            grantId,
            command.refundId(),
            command.fiscalYear(),
            command.amountYen(),
            command.indirectCostYen(),
            command.additionalChargeYen(),
            command.kind(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * The year's annual report was accepted: recorded once per year (the ledger accepts one per
   * grant-year).
   */
  @CommandHandler
  public Long handle(RecordAnnualReportAcceptedCommand command) {
    if (moneyByFiscalYear.getOrDefault(command.fiscalYear(), YearMoney.NONE).report() != null) {
      return AggregateLifecycle.getVersion();
    }
    apply(
        new AnnualReportAccepted(
            grantId,
            command.reportId(),
            command.fiscalYear(),
            command.spending() == null ? List.of() : List.copyOf(command.spending()),
            command.reportedYen(),
            command.paidYen(),
            command.unspentYen(),
            command.transferredYen()));
    return AggregateLifecycle.getVersion();
  }

  /** The ledger settled the grant (額の確定): recorded once. */
  @CommandHandler
  public Long handle(RecordGrantSettledCommand command) {
    if (settlement != null) {
      return AggregateLifecycle.getVersion();
    }
    apply(
        new GrantSettled(
            grantId,
            command.settlementId(),
            command.finalAmountYen(),
            command.finalIndirectCostYen(),
            command.refundedYen(),
            command.additionalChargeYen(),
            command.finalByFiscalYear() == null ? List.of() : sorted(command.finalByFiscalYear())));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(RecordDisbursementRejectedCommand command) {
    if (recentlySettled.contains(command.disbursementId())) {
      return AggregateLifecycle.getVersion();
    }
    apply(
        new DisbursementRejected(
            grantId,
            command.disbursementId(),
            command.fiscalYear(),
            command.amountYen(),
            command.rule(),
            command.capLevel(),
            command.headroomYen(),
            command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * A program officer moves the grant to another catalog version: refused if the version is unknown
   * (422), is the grant's own (409), or if the grant breaks the target's rules (its program, phase,
   * years, hosts and plan, as {@link CatalogMigration} checks them).
   */
  @CommandHandler
  public Long handle(MigrateCatalogCommand command) {
    requireStatus(
        "migrate the catalog version of",
        GrantStatus.PROPOSED,
        GrantStatus.SCREENED,
        GrantStatus.ACTIVE,
        GrantStatus.WINDING_DOWN);
    ProgramCatalog target = registry().require(command.toVersion());
    if (target.version().equals(catalogVersion)) {
      throw GrantRule.CATALOG_MIGRATION_SAME_VERSION.violation(
          "the grant's rules come from catalog " + catalogVersion + " already");
    }
    CatalogMigration.check(
        target.require(programCode),
        status,
        phase,
        startFiscalYear,
        endFiscalYear,
        extensionYears,
        hostInstitutions,
        requestedPlan,
        awardedPlan(),
        stageGate,
        totalAwardedYen);
    AggregateLifecycle.apply(
        new GrantCatalogMigrated(
            grantId, programCode, catalogVersion, target.version(), command.reason()),
        MetaData.with(CATALOG_VERSION, target.version()));
    return AggregateLifecycle.getVersion();
  }

  // ---- event sourcing -------------------------------------------------------------------------

  @EventSourcingHandler
  void on(ProposalSubmitted event, @MetaDataValue(CATALOG_VERSION) String checkedAgainst) {
    catalogVersion = checkedAgainst != null ? checkedAgainst : registry().baselineVersion();
    grantId = event.grantId();
    programCode = event.programCode();
    callId = event.callId();
    title = event.title();
    applicantId = event.applicantId();
    principalInvestigator = event.principalInvestigator();
    hostInstitutions = new ArrayList<>(event.hostInstitutions());
    startFiscalYear = event.startFiscalYear();
    endFiscalYear = event.startFiscalYear() + event.durationYears() - 1;
    requestedPlan = new ArrayList<>(event.requestedPlan());
    plannedFigures = event.plannedFigures();
    status = GrantStatus.PROPOSED;
  }

  @EventSourcingHandler
  void on(GrantCatalogMigrated event) {
    catalogVersion = event.toVersion();
  }

  @EventSourcingHandler
  void on(ProposalScreened event) {
    status = GrantStatus.SCREENED;
  }

  @EventSourcingHandler
  void on(ProposalRejected event) {
    status = GrantStatus.REJECTED;
  }

  @EventSourcingHandler
  void on(GrantAwarded event) {
    status = GrantStatus.ACTIVE;
    phase = event.phase();
    plan = toPlan(event.allocations());
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(ProposalDeclined event) {
    status = GrantStatus.DECLINED;
  }

  @EventSourcingHandler
  void on(AnnualFollowUpReported event) {
    followUps.put(
        event.fiscalYear(),
        new FollowUp(
            event.principalInvestigators(),
            event.totalStaff(),
            event.researchers(),
            event.researchersFromAbroad(),
            event.shortfalls() == null ? null : List.copyOf(event.shortfalls())));
  }

  @EventSourcingHandler
  void on(StageGateScheduled event) {
    stageGate = new StageGateState(event.fiscalYear(), event.targetPhase(), null);
  }

  @EventSourcingHandler
  void on(StageGatePassed event) {
    stageGate =
        new StageGateState(event.fiscalYear(), event.toPhase(), GrantView.GateOutcome.PASSED);
    phase = event.toPhase();
    replacePlanAfter(event.fiscalYear(), event.allocations());
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(StageGateFailed event) {
    stageGate =
        new StageGateState(
            event.fiscalYear(), stageGate.targetPhase(), GrantView.GateOutcome.FAILED);
    status = GrantStatus.WINDING_DOWN;
    replacePlanAfter(event.fiscalYear(), event.allocations());
    endFiscalYear = event.endFiscalYear();
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(InterimEvaluationScheduled event) {
    evaluations.put(EvaluationKind.INTERIM, new Evaluation(event.fiscalYear(), null));
  }

  @EventSourcingHandler
  void on(InterimEvaluationCompleted event) {
    evaluations.put(EvaluationKind.INTERIM, new Evaluation(event.fiscalYear(), event.grade()));
  }

  @EventSourcingHandler
  void on(FinalEvaluationScheduled event) {
    evaluations.put(EvaluationKind.FINAL, new Evaluation(event.fiscalYear(), null));
  }

  @EventSourcingHandler
  void on(FinalEvaluationCompleted event) {
    evaluations.put(EvaluationKind.FINAL, new Evaluation(event.fiscalYear(), event.grade()));
  }

  @EventSourcingHandler
  void on(GrantExtended event) {
    extensionYears += event.additionalYears();
    endFiscalYear = event.endFiscalYear();
    phase = event.phase();
    event.allocations().forEach(a -> plan.put(a.fiscalYear(), withCarryOvers(a)));
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(GrantSuspended event) {
    suspension = new GrantView.Suspension(event.effectiveDate(), event.reason(), status);
    status = GrantStatus.SUSPENDED;
  }

  @EventSourcingHandler
  void on(GrantResumed event) {
    status = GrantStatus.valueOf(event.toStatus());
    suspension = null;
  }

  @EventSourcingHandler
  void on(GrantTerminated event) {
    suspension = null;
    status = GrantStatus.TERMINATED;
    endFiscalYear = event.lastFiscalYear();
  }

  @EventSourcingHandler
  void on(GrantClosed event) {
    status = GrantStatus.CLOSED;
  }

  @EventSourcingHandler
  void on(DisbursementRequested event) {
    openDisbursements.put(
        event.disbursementId(),
        new OpenDisbursement(
            event.fiscalYear(), event.amountYen(), event.expenseCategory().name()));
  }

  @EventSourcingHandler
  void on(FundsDisbursed event) {
    settled(event.disbursementId());
    disbursementsByFiscalYear.merge(
        event.fiscalYear(),
        FiscalYearDisbursements.NONE.paid(event.amountYen()),
        (year, one) -> year.paid(event.amountYen()));
    long indirect = event.indirectCostYen() == null ? 0 : event.indirectCostYen();
    money(event.fiscalYear(), year -> year.paid(event.amountYen(), indirect));
  }

  @EventSourcingHandler
  void on(FundsCarriedOver event) {
    remembered(event.carryOverId());
    plan.merge(event.fromFiscalYear(), -event.amountYen(), Math::addExact);
    plan.merge(event.toFiscalYear(), event.amountYen(), Math::addExact);
    money(event.fromFiscalYear(), year -> year.carriedOut(event.amountYen(), event.paidMovedYen()));
    money(event.toFiscalYear(), year -> year.carriedIn(event.amountYen(), event.paidMovedYen()));
    if (event.paidMovedYen() != 0) {
      held(event.fromFiscalYear(), -event.paidMovedYen());
      held(event.toFiscalYear(), event.paidMovedYen());
    }
  }

  @EventSourcingHandler
  void on(FundsRefunded event) {
    remembered(event.refundId());
    money(
        event.fiscalYear(),
        year ->
            year.refunded(event.amountYen(), event.indirectCostYen(), event.additionalChargeYen()));
    held(event.fiscalYear(), -event.amountYen());
  }

  @EventSourcingHandler
  void on(AnnualReportAccepted event) {
    AnnualReport report =
        new AnnualReport(
            event.reportId(),
            event.reportedYen(),
            event.paidYen(),
            event.unspentYen(),
            event.transferredYen());
    money(event.fiscalYear(), year -> year.reported(report));
  }

  @EventSourcingHandler
  void on(GrantSettled event) {
    settlement =
        new Settlement(
            event.settlementId(),
            event.finalAmountYen(),
            event.finalIndirectCostYen(),
            event.refundedYen(),
            event.additionalChargeYen(),
            List.copyOf(event.finalByFiscalYear()));
    event
        .finalByFiscalYear()
        .forEach(f -> money(f.fiscalYear(), year -> year.settled(f.amountYen())));
  }

  private void money(int fiscalYear, java.util.function.UnaryOperator<YearMoney> change) {
    moneyByFiscalYear.put(
        fiscalYear, change.apply(moneyByFiscalYear.getOrDefault(fiscalYear, YearMoney.NONE)));
  }

  /**
   * Paid money that left a year or came into it: the year's paid sum, which reserves its cap,
   * moves.
   */
  private void held(int fiscalYear, long deltaYen) {
    disbursementsByFiscalYear.put(
        fiscalYear,
        disbursementsByFiscalYear
            .getOrDefault(fiscalYear, FiscalYearDisbursements.NONE)
            .moved(deltaYen));
  }

  /** A carry-over or refund recorded: its id stays in the bounded window. */
  private void remembered(UUID operationId) {
    recentOperations.remove(operationId);
    recentOperations.add(operationId);
    for (Iterator<UUID> oldest = recentOperations.iterator();
        recentOperations.size() > RECENT_OPERATIONS_KEPT; ) {
      oldest.next();
      oldest.remove();
    }
  }

  @EventSourcingHandler
  void on(DisbursementRejected event) {
    settled(event.disbursementId());
    disbursementsByFiscalYear.merge(
        event.fiscalYear(),
        FiscalYearDisbursements.NONE.rejected(),
        (year, one) -> year.rejected());
  }

  /**
   * The ledger answered: the disbursement is no longer open; its id stays in the bounded window.
   */
  private void settled(UUID disbursementId) {
    openDisbursements.remove(disbursementId);
    recentlySettled.remove(disbursementId);
    recentlySettled.add(disbursementId);
    for (Iterator<UUID> oldest = recentlySettled.iterator();
        recentlySettled.size() > RECENTLY_SETTLED_KEPT; ) {
      oldest.next();
      oldest.remove();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * The grant's state as callers and auditors see it.
   *
   * @param version the sequence number of the last event applied (Axon's aggregate version)
   */
  public GrantView view(long version) {
    long disbursed = 0;
    for (FiscalYearDisbursements year : disbursementsByFiscalYear.values()) {
      disbursed = Math.addExact(disbursed, year.disbursedYen());
    }
    TreeMap<Integer, GrantView.FiscalYearMoney> money = new TreeMap<>();
    long indirect = 0;
    java.util.TreeSet<Integer> years = new java.util.TreeSet<>(plan.keySet());
    years.addAll(moneyByFiscalYear.keySet());
    for (int year : years) {
      YearMoney m = moneyByFiscalYear.getOrDefault(year, YearMoney.NONE);
      money.put(year, m.view(plan.getOrDefault(year, 0L)));
      indirect = Math.addExact(indirect, m.indirectCostYen() - m.indirectRefundedYen());
    }
    return new GrantView(
        grantId,
        version,
        programCode,
        callId,
        status,
        phase,
        title,
        applicantId,
        principalInvestigator,
        List.copyOf(hostInstitutions),
        startFiscalYear,
        endFiscalYear,
        List.copyOf(requestedPlan),
        toList(plan),
        totalAwardedYen,
        Map.copyOf(followUps),
        stageGate,
        evaluationsView(),
        extensionYears,
        noCostExtensionYears,
        suspension,
        academy,
        java.util.Collections.unmodifiableMap(new TreeMap<>(academyReports)),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(openDisbursements)),
        java.util.Collections.unmodifiableMap(new TreeMap<>(disbursementsByFiscalYear)),
        disbursed,
        java.util.Collections.unmodifiableMap(money),
        indirect,
        settlement != null,
        settlement,
        catalogVersion);
  }

  /**
   * The evaluations, each with the follow-ups up to its year that fell short of their phase's
   * requirements.
   */
  private Map<EvaluationKind, Evaluation> evaluationsView() {
    Map<EvaluationKind, Evaluation> view = new LinkedHashMap<>();
    evaluations.forEach(
        (kind, evaluation) -> {
          Map<Integer, List<RequirementShortfall>> below = new TreeMap<>();
          followUps
              .headMap(evaluation.fiscalYear(), true)
              .forEach(
                  (year, followUp) -> {
                    if (followUp.belowRequirements()) {
                      below.put(year, followUp.shortfalls());
                    }
                  });
          view.put(
              kind,
              new Evaluation(
                  evaluation.fiscalYear(),
                  evaluation.grade(),
                  java.util.Collections.unmodifiableMap(below)));
        });
    return Map.copyOf(view);
  }

  /** Whether the ledger ever paid the grant anything (refunded or not). */
  private boolean everPaid() {
    return disbursementsByFiscalYear.values().stream().anyMatch(y -> y.payments() > 0)
        || grossPaid() > 0;
  }

  private long grossPaid() {
    long paid = 0;
    for (YearMoney year : moneyByFiscalYear.values()) {
      paid = Math.addExact(paid, year.paidYen());
    }
    return paid;
  }

  /**
   * The grant's program as the catalog version it is pinned to states it: every rule check uses
   * this.
   */
  private Program program() {
    return registry()
        .version(catalogVersion)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "grant "
                        + grantId
                        + " is pinned to catalog version "
                        + catalogVersion
                        + ", which this build does not ship: a published version is never removed"))
        .require(programCode);
  }

  private static CatalogRegistry registry() {
    return CatalogRegistry.standard();
  }

  /**
   * Every event of the grant is applied here, with the catalog version it was checked against: the
   * grant's pinned version, or the current one for the proposal that pins it.
   */
  private void apply(Object event) {
    String checkedAgainst = catalogVersion != null ? catalogVersion : registry().currentVersion();
    MetaData metaData = MetaData.with(CATALOG_VERSION, checkedAgainst);
    AggregateLifecycle.apply(
        event, answerMetaData == null ? metaData : answerMetaData.mergedWith(metaData));
  }

  /**
   * The allocations per fiscal year as awarded (what was carried into or out of a year taken back).
   */
  private List<FiscalYearAmount> awardedPlan() {
    return plan.entrySet().stream()
        .map(e -> new FiscalYearAmount(e.getKey(), e.getValue() - netCarriedIn(e.getKey())))
        .toList();
  }

  private void requireStatus(String action, GrantStatus... allowed) {
    for (GrantStatus s : allowed) {
      if (s == status) {
        return;
      }
    }
    if (status == GrantStatus.SUSPENDED) {
      throw CatalogRule.GRANT_SUSPENDED.violation(
          "cannot "
              + action
              + " a grant suspended since "
              + suspension.since()
              + " ("
              + suspension.reason()
              + "): resume it first");
    }
    throw GrantRules.wrongStatus(action, status, allowed);
  }

  private void requireRunning(String action) {
    requireStatus(action, GrantStatus.ACTIVE, GrantStatus.WINDING_DOWN);
  }

  private void requireWithinGrant(int fiscalYear) {
    if (fiscalYear < startFiscalYear || fiscalYear > endFiscalYear) {
      throw CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT.violation(
          "the grant runs from FY"
              + startFiscalYear
              + " to FY"
              + endFiscalYear
              + "; FY"
              + fiscalYear
              + " is outside it");
    }
  }

  private void requireScheduledGate() {
    requireStatus("decide the stage gate of", GrantStatus.ACTIVE);
    if (stageGate == null || stageGate.outcome() != null) {
      throw GrantRule.STAGE_GATE_SCHEDULED.violation(
          "no stage gate is scheduled and undecided for this grant: schedule one first");
    }
  }

  /** The latest follow-up up to the scheduled gate's year, null if none (the gate judges it). */
  private FollowUpFigures latestFollowUpForGate() {
    var latest = followUps.floorEntry(stageGate.fiscalYear());
    return latest == null
        ? null
        : new FollowUpFigures(latest.getKey(), latest.getValue().figures());
  }

  /**
   * Center figures hold together: 0 <= from abroad <= researchers <= total staff, and 0 <= PIs <=
   * total staff.
   */
  private static void checkFigures(Rule rule, int pis, int staff, int researchers, int fromAbroad) {
    if (fromAbroad < 0
        || pis < 0
        || fromAbroad > researchers
        || researchers > staff
        || pis > staff) {
      throw rule.violation(
          "researchers from abroad <= researchers <= total staff, and PIs <= total staff, must hold");
    }
  }

  /**
   * Paid in the year, and requested for it but not answered yet: what the allocation must still
   * cover.
   */
  private long committedIn(int fiscalYear) {
    long committed =
        disbursementsByFiscalYear
            .getOrDefault(fiscalYear, FiscalYearDisbursements.NONE)
            .disbursedYen();
    for (OpenDisbursement open : openDisbursements.values()) {
      if (open.fiscalYear() == fiscalYear) {
        committed = Math.addExact(committed, open.amountYen());
      }
    }
    return committed;
  }

  /**
   * The allocations of the years after a gate as awarded (without what was carried into or out of
   * them).
   */
  private List<FiscalYearAmount> planAfter(int gateYear, int lastYear) {
    return plan.subMap(gateYear, false, lastYear, true).entrySet().stream()
        .map(e -> new FiscalYearAmount(e.getKey(), e.getValue() - netCarriedIn(e.getKey())))
        .toList();
  }

  /**
   * The total once the years after a gate get new allocations; carry-overs move money, never change
   * the total.
   */
  private long totalWithReplaced(List<FiscalYearAmount> after, int gateYear) {
    long kept = plan.headMap(gateYear, true).values().stream().mapToLong(Long::longValue).sum();
    long carried = 0;
    for (FiscalYearAmount a : after) {
      carried = Math.addExact(carried, netCarriedIn(a.fiscalYear()));
    }
    return Math.addExact(Math.addExact(kept, FiscalYearAmount.total(after)), carried);
  }

  private long netCarriedIn(int fiscalYear) {
    YearMoney m = moneyByFiscalYear.getOrDefault(fiscalYear, YearMoney.NONE);
    return m.carriedInYen() - m.carriedOutYen();
  }

  /**
   * New allocations of the years after a gate; what was carried into or out of a year stays with
   * it.
   */
  private void replacePlanAfter(int gateYear, List<FiscalYearAmount> after) {
    plan.tailMap(gateYear, false).clear();
    after.forEach(a -> plan.put(a.fiscalYear(), withCarryOvers(a)));
  }

  private long withCarryOvers(FiscalYearAmount allocation) {
    YearMoney m = moneyByFiscalYear.getOrDefault(allocation.fiscalYear(), YearMoney.NONE);
    return allocation.amountYen() + m.carriedInYen() - m.carriedOutYen();
  }

  private static TreeMap<Integer, Long> toPlan(List<FiscalYearAmount> allocations) {
    TreeMap<Integer, Long> result = new TreeMap<>();
    allocations.forEach(a -> result.put(a.fiscalYear(), a.amountYen()));
    return result;
  }

  private static List<FiscalYearAmount> toList(Map<Integer, Long> plan) {
    return plan.entrySet().stream()
        .map(e -> new FiscalYearAmount(e.getKey(), e.getValue()))
        .toList();
  }

  private static List<FiscalYearAmount> sorted(List<FiscalYearAmount> amounts) {
    return amounts.stream()
        .sorted(java.util.Comparator.comparingInt(FiscalYearAmount::fiscalYear))
        .toList();
  }
}
