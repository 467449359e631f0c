package jp.grants.grant.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Requirements;
import jp.grants.catalog.RuleViolation;
import jp.grants.catalog.Rules;
import jp.grants.catalog.StageGate;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FinalEvaluationCompleted;
import jp.grants.contracts.grant.FinalEvaluationScheduled;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.InterimEvaluationCompleted;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalDeclined;
import jp.grants.contracts.grant.ProposalRejected;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.CloseGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.ExtendGrantCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.RecordDisbursementRejectedCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.Commands.ScheduleEvaluationCommand;
import jp.grants.grant.command.Commands.ScheduleStageGateCommand;
import jp.grants.grant.command.Commands.ScreenProposalCommand;
import jp.grants.grant.command.Commands.SubmitProposalCommand;
import jp.grants.grant.command.Commands.TerminateGrantCommand;
import jp.grants.grant.command.GrantView.Disbursement;
import jp.grants.grant.command.GrantView.Evaluation;
import jp.grants.grant.command.GrantView.FollowUp;
import jp.grants.grant.command.GrantView.StageGateState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * One research grant, from proposal to closeout. Each command handler checks the program's rules
 * and then applies an event; state changes only in the event-sourcing handlers, so replaying the
 * events (live, or by an auditor up to any point) always rebuilds the same state. Handlers return
 * the grant's version after the command, which the API returns as the ETag.
 */
public class Grant {
  @AggregateIdentifier private UUID grantId;
  private String programCode;
  private GrantStatus status;
  private String title;
  private String applicantId;
  private Investigator principalInvestigator;
  private List<String> hostInstitutions = new ArrayList<>();
  private int startFiscalYear;
  private int endFiscalYear;
  private String phase;
  private List<FiscalYearAmount> requestedPlan = new ArrayList<>();
  private TreeMap<Integer, Long> plan = new TreeMap<>();
  private long totalAwardedYen;
  private TreeMap<Integer, FollowUp> followUps = new TreeMap<>();
  private StageGateState stageGate;
  private Map<EvaluationKind, Evaluation> evaluations = new LinkedHashMap<>();
  private int extensionYears;
  private Map<UUID, Disbursement> disbursements = new LinkedHashMap<>();

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
    GrantRules.checkPlanInPhase(program, program.initialPhase(), command.requestedPlan(), command.startFiscalYear(), last);
    Rules.checkTotal(program, FiscalYearAmount.total(command.requestedPlan()));
    apply(new ProposalSubmitted(command.grantId(), program.code(), command.title(), command.summary(),
        command.applicantId(), command.principalInvestigator(), List.copyOf(command.hostInstitutions()),
        command.startFiscalYear(), command.durationYears(), sorted(command.requestedPlan())));
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
  public Long handle(AwardGrantCommand command) {
    requireStatus("award", GrantStatus.SCREENED);
    Program program = program();
    List<FiscalYearAmount> allocations =
        command.allocations() == null || command.allocations().isEmpty() ? requestedPlan : command.allocations();
    GrantRules.checkPlanInPhase(program, program.initialPhase(), allocations, startFiscalYear, endFiscalYear);
    long total = FiscalYearAmount.total(allocations);
    Rules.checkTotal(program, total);
    apply(new GrantAwarded(grantId, programCode, program.initialPhase().code(), startFiscalYear, endFiscalYear,
        sorted(allocations), total, program.eligibleExpenses(), command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(DeclineProposalCommand command) {
    requireStatus("decline", GrantStatus.SCREENED);
    apply(new ProposalDeclined(grantId, command.reason(), command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  // ---- running grant --------------------------------------------------------------------------

  @CommandHandler
  public Long handle(ReportAnnualFollowUpCommand command) {
    requireRunning("report a follow-up for");
    requireWithinGrant(command.fiscalYear());
    if (followUps.containsKey(command.fiscalYear())) {
      throw RuleViolation.conflict(GrantRules.FOLLOW_UP_ONCE,
          "the follow-up for FY" + command.fiscalYear() + " was reported already");
    }
    if (command.researchersFromAbroad() > command.researchers() || command.researchers() > command.totalStaff()
        || command.principalInvestigators() > command.totalStaff()) {
      throw RuleViolation.unprocessable(GrantRules.FOLLOW_UP_FIGURES,
          "researchers from abroad <= researchers <= total staff, and PIs <= total staff, must hold");
    }
    apply(new AnnualFollowUpReported(grantId, command.fiscalYear(), command.principalInvestigators(),
        command.totalStaff(), command.researchers(), command.researchersFromAbroad(), command.narrative()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ScheduleStageGateCommand command) {
    requireStatus("schedule a stage gate for", GrantStatus.ACTIVE);
    Program program = program();
    StageGate gate = GrantRules.requireGate(program, phase);
    if (stageGate != null && stageGate.outcome() == null) {
      throw RuleViolation.conflict(GrantRules.STAGE_GATE_ALREADY_SCHEDULED,
          "a stage gate is already scheduled for FY" + stageGate.fiscalYear());
    }
    int deadline = startFiscalYear + gate.latestYear() - 1;
    if (command.fiscalYear() < startFiscalYear || command.fiscalYear() > deadline) {
      throw RuleViolation.unprocessable(GrantRules.STAGE_GATE_DEADLINE, program.code()
          + " holds its stage gate by year " + gate.latestYear() + " of the grant: between FY"
          + startFiscalYear + " and FY" + deadline + "; FY" + command.fiscalYear() + " asked");
    }
    apply(new StageGateScheduled(grantId, programCode, command.fiscalYear(), command.scheduledOn(), gate.toPhase()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(PassStageGateCommand command) {
    requireScheduledGate();
    Program program = program();
    Phase target = program.phase(stageGate.targetPhase()).orElseThrow();
    checkGateThresholds(program, target);
    int gateYear = stageGate.fiscalYear();
    List<FiscalYearAmount> after = command.allocations() == null || command.allocations().isEmpty()
        ? planAfter(gateYear, endFiscalYear) : command.allocations();
    if (gateYear < endFiscalYear) {
      GrantRules.checkPlanInPhase(program, target, after, gateYear + 1, endFiscalYear);
    }
    long total = totalWithReplaced(after, gateYear);
    Rules.checkTotal(program, total);
    apply(new StageGatePassed(grantId, gateYear, phase, target.code(), sorted(after), total, command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(FailStageGateCommand command) {
    requireScheduledGate();
    int gateYear = stageGate.fiscalYear();
    int end = command.endFiscalYear() == null ? Math.min(endFiscalYear, gateYear + 1) : command.endFiscalYear();
    if (end < gateYear || end > endFiscalYear) {
      throw RuleViolation.unprocessable(GrantRules.WIND_DOWN_END, "a grant that failed its stage gate in FY"
          + gateYear + " ends between FY" + gateYear + " and FY" + endFiscalYear + "; FY" + end + " asked");
    }
    List<FiscalYearAmount> after = command.allocations() == null || command.allocations().isEmpty()
        ? planAfter(gateYear, end) : command.allocations();
    if (end > gateYear) {
      GrantRules.checkPlanInPhase(program(), program().phase(phase).orElseThrow(), after, gateYear + 1, end);
    }
    long total = totalWithReplaced(after, gateYear);
    apply(new StageGateFailed(grantId, gateYear, command.reason(), end, sorted(after), total, command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ScheduleEvaluationCommand command) {
    requireRunning("schedule an evaluation for");
    requireWithinGrant(command.fiscalYear());
    if (evaluations.containsKey(command.kind())) {
      throw RuleViolation.conflict(GrantRules.EVALUATION_ONCE,
          "the " + command.kind() + " evaluation was scheduled already (FY" + evaluations.get(command.kind()).fiscalYear() + ")");
    }
    apply(command.kind() == EvaluationKind.INTERIM
        ? new InterimEvaluationScheduled(grantId, programCode, command.fiscalYear())
        : new FinalEvaluationScheduled(grantId, programCode, command.fiscalYear()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(CompleteEvaluationCommand command) {
    requireRunning("complete an evaluation of");
    Evaluation scheduled = evaluations.get(command.kind());
    if (scheduled == null) {
      throw RuleViolation.conflict(GrantRules.EVALUATION_SCHEDULED, "no " + command.kind() + " evaluation is scheduled");
    }
    if (scheduled.grade() != null) {
      throw RuleViolation.conflict(GrantRules.EVALUATION_ONCE, "the " + command.kind() + " evaluation is complete already");
    }
    if (!GrantRules.GRADES.contains(command.grade())) {
      throw RuleViolation.unprocessable(GrantRules.EVALUATION_GRADE, "grade must be one of " + GrantRules.GRADES);
    }
    apply(command.kind() == EvaluationKind.INTERIM
        ? new InterimEvaluationCompleted(grantId, scheduled.fiscalYear(), command.grade(), command.summary(), command.reviewId())
        : new FinalEvaluationCompleted(grantId, scheduled.fiscalYear(), command.grade(), command.summary(), command.reviewId()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(ExtendGrantCommand command) {
    requireStatus("extend", GrantStatus.ACTIVE);
    Program program = program();
    if (program.extension() == null) {
      throw RuleViolation.unprocessable(GrantRules.EXTENSION_IN_PROGRAM, program.code() + " grants cannot be extended");
    }
    int allowed = program.extension().maxYears() - extensionYears;
    if (command.additionalYears() < 1 || command.additionalYears() > allowed) {
      throw RuleViolation.unprocessable(GrantRules.EXTENSION_YEARS, program.code() + " extends by at most "
          + program.extension().maxYears() + " years in all; " + allowed + " left, " + command.additionalYears() + " asked");
    }
    if (evaluations.values().stream().noneMatch(e -> e.grade() != null)) {
      throw RuleViolation.conflict(GrantRules.EXTENSION_NEEDS_EVALUATION,
          "an extension is decided on a completed interim or final evaluation; none is complete");
    }
    int newEnd = endFiscalYear + command.additionalYears();
    Phase extensionPhase = program.phase(program.extension().phase()).orElseThrow();
    Rules.checkPlan(program, extensionPhase, command.allocations(), endFiscalYear + 1, newEnd);
    long total = Math.addExact(totalAwardedYen, FiscalYearAmount.total(command.allocations()));
    Rules.checkTotal(program, total);
    apply(new GrantExtended(grantId, command.additionalYears(), newEnd, extensionPhase.code(),
        sorted(command.allocations()), total));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(TerminateGrantCommand command) {
    requireRunning("terminate");
    if (command.lastFiscalYear() < startFiscalYear || command.lastFiscalYear() > endFiscalYear) {
      throw RuleViolation.unprocessable(GrantRules.TERMINATION_YEAR, "the last fiscal year must lie between FY"
          + startFiscalYear + " and FY" + endFiscalYear);
    }
    apply(new GrantTerminated(grantId, command.lastFiscalYear(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(CloseGrantCommand command) {
    requireRunning("close");
    apply(new GrantClosed(grantId, command.note()));
    return AggregateLifecycle.getVersion();
  }

  // ---- money ----------------------------------------------------------------------------------

  @CommandHandler
  public Long handle(RequestDisbursementCommand command) {
    requireRunning("pay out of");
    requireWithinGrant(command.fiscalYear());
    Rules.checkExpense(program(), command.expenseCategory());
    if (command.amountYen() <= 0) {
      throw RuleViolation.unprocessable(GrantRules.DISBURSEMENT_AMOUNT, "a disbursement is a positive amount of yen");
    }
    if (disbursements.containsKey(command.disbursementId())) {
      throw RuleViolation.conflict(GrantRules.DISBURSEMENT_ID_UNIQUE, "disbursement " + command.disbursementId() + " exists");
    }
    long allocated = plan.getOrDefault(command.fiscalYear(), 0L);
    long committed = committedIn(command.fiscalYear());
    if (committed + command.amountYen() > allocated) {
      throw RuleViolation.conflict(GrantRules.GRANT_YEAR_ALLOCATION, "FY" + command.fiscalYear() + " allocation is "
          + Rules.yen(allocated) + ", of which " + Rules.yen(committed) + " is paid or requested; "
          + Rules.yen(command.amountYen()) + " would exceed it by " + Rules.yen(committed + command.amountYen() - allocated));
    }
    apply(new DisbursementRequested(grantId, command.disbursementId(), programCode, command.fiscalYear(),
        command.amountYen(), command.expenseCategory(), command.purpose()));
    return AggregateLifecycle.getVersion();
  }

  /** The ledger paid: recorded once, whatever the grant's status (the money has moved). */
  @CommandHandler
  public Long handle(RecordFundsDisbursedCommand command) {
    Disbursement known = disbursements.get(command.disbursementId());
    if (known != null && !"REQUESTED".equals(known.state())) {
      return AggregateLifecycle.getVersion(); // already settled: a redelivered answer changes nothing
    }
    apply(new FundsDisbursed(grantId, command.disbursementId(), command.fiscalYear(), command.amountYen(),
        command.expenseCategory()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public Long handle(RecordDisbursementRejectedCommand command) {
    Disbursement known = disbursements.get(command.disbursementId());
    if (known != null && !"REQUESTED".equals(known.state())) {
      return AggregateLifecycle.getVersion();
    }
    apply(new DisbursementRejected(grantId, command.disbursementId(), command.fiscalYear(), command.amountYen(),
        command.rule(), command.capLevel(), command.headroomYen(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  // ---- event sourcing -------------------------------------------------------------------------

  @EventSourcingHandler
  void on(ProposalSubmitted event) {
    grantId = event.grantId();
    programCode = event.programCode();
    title = event.title();
    applicantId = event.applicantId();
    principalInvestigator = event.principalInvestigator();
    hostInstitutions = new ArrayList<>(event.hostInstitutions());
    startFiscalYear = event.startFiscalYear();
    endFiscalYear = event.startFiscalYear() + event.durationYears() - 1;
    requestedPlan = new ArrayList<>(event.requestedPlan());
    status = GrantStatus.PROPOSED;
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
    followUps.put(event.fiscalYear(), new FollowUp(event.principalInvestigators(), event.totalStaff(),
        event.researchers(), event.researchersFromAbroad()));
  }

  @EventSourcingHandler
  void on(StageGateScheduled event) {
    stageGate = new StageGateState(event.fiscalYear(), event.targetPhase(), null);
  }

  @EventSourcingHandler
  void on(StageGatePassed event) {
    stageGate = new StageGateState(event.fiscalYear(), event.toPhase(), "PASSED");
    phase = event.toPhase();
    replacePlanAfter(event.fiscalYear(), event.allocations());
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(StageGateFailed event) {
    stageGate = new StageGateState(event.fiscalYear(), stageGate.targetPhase(), "FAILED");
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
    event.allocations().forEach(a -> plan.put(a.fiscalYear(), a.amountYen()));
    totalAwardedYen = event.totalAwardedYen();
  }

  @EventSourcingHandler
  void on(GrantTerminated event) {
    status = GrantStatus.TERMINATED;
    endFiscalYear = event.lastFiscalYear();
  }

  @EventSourcingHandler
  void on(GrantClosed event) {
    status = GrantStatus.CLOSED;
  }

  @EventSourcingHandler
  void on(DisbursementRequested event) {
    disbursements.put(event.disbursementId(), new Disbursement(event.fiscalYear(), event.amountYen(),
        event.expenseCategory().name(), "REQUESTED"));
  }

  @EventSourcingHandler
  void on(FundsDisbursed event) {
    disbursements.put(event.disbursementId(), new Disbursement(event.fiscalYear(), event.amountYen(),
        event.expenseCategory().name(), "DISBURSED"));
  }

  @EventSourcingHandler
  void on(DisbursementRejected event) {
    Disbursement known = disbursements.get(event.disbursementId());
    String category = known == null ? null : known.expenseCategory();
    disbursements.put(event.disbursementId(), new Disbursement(event.fiscalYear(), event.amountYen(), category, "REJECTED"));
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * The grant's state as callers and auditors see it.
   *
   * @param version the sequence number of the last event applied (Axon's aggregate version)
   */
  public GrantView view(long version) {
    long disbursed = disbursements.values().stream().filter(d -> "DISBURSED".equals(d.state()))
        .mapToLong(Disbursement::amountYen).sum();
    return new GrantView(grantId, version, programCode, status, phase, title, applicantId,
        principalInvestigator, List.copyOf(hostInstitutions), startFiscalYear, endFiscalYear, List.copyOf(requestedPlan),
        toList(plan), totalAwardedYen, Map.copyOf(followUps), stageGate, Map.copyOf(evaluations), extensionYears,
        Map.copyOf(disbursements), disbursed);
  }

  private Program program() {
    return ProgramCatalog.load().require(programCode);
  }

  private void requireStatus(String action, GrantStatus... allowed) {
    for (GrantStatus s : allowed) {
      if (s == status) {
        return;
      }
    }
    throw GrantRules.wrongStatus(action, status, allowed);
  }

  private void requireRunning(String action) {
    requireStatus(action, GrantStatus.ACTIVE, GrantStatus.WINDING_DOWN);
  }

  private void requireWithinGrant(int fiscalYear) {
    if (fiscalYear < startFiscalYear || fiscalYear > endFiscalYear) {
      throw RuleViolation.unprocessable(GrantRules.FISCAL_YEAR_OUTSIDE_GRANT, "the grant runs from FY"
          + startFiscalYear + " to FY" + endFiscalYear + "; FY" + fiscalYear + " is outside it");
    }
  }

  private void requireScheduledGate() {
    requireStatus("decide the stage gate of", GrantStatus.ACTIVE);
    if (stageGate == null || stageGate.outcome() != null) {
      throw RuleViolation.conflict(GrantRules.STAGE_GATE_SCHEDULED,
          "no stage gate is scheduled and undecided for this grant: schedule one first");
    }
  }

  private void checkGateThresholds(Program program, Phase target) {
    Requirements required = target.requirementsOrNone();
    if (required.isNone()) {
      return;
    }
    var latest = followUps.floorEntry(stageGate.fiscalYear());
    if (latest == null) {
      throw RuleViolation.unprocessable(GrantRules.STAGE_GATE_NEEDS_FOLLOW_UP,
          "a stage gate judges the center's latest annual follow-up; none is reported up to FY" + stageGate.fiscalYear());
    }
    FollowUp f = latest.getValue();
    if (!Rules.meets(required, f.principalInvestigators(), f.totalStaff(), f.researchers(), f.researchersFromAbroad())) {
      throw RuleViolation.unprocessable(GrantRules.STAGE_GATE_THRESHOLDS, program.code() + " phase " + target.code()
          + " needs at least " + required.minPrincipalInvestigators() + " PIs, " + required.minTotalStaff()
          + " staff and " + required.minForeignResearcherPercent() + "% researchers from abroad; the FY"
          + latest.getKey() + " follow-up reports " + f.principalInvestigators() + " PIs, " + f.totalStaff()
          + " staff, " + f.researchersFromAbroad() + " of " + f.researchers() + " researchers from abroad");
    }
  }

  private long committedIn(int fiscalYear) {
    return disbursements.values().stream()
        .filter(d -> d.fiscalYear() == fiscalYear && !"REJECTED".equals(d.state()))
        .mapToLong(Disbursement::amountYen).sum();
  }

  private List<FiscalYearAmount> planAfter(int gateYear, int lastYear) {
    return plan.subMap(gateYear, false, lastYear, true).entrySet().stream()
        .map(e -> new FiscalYearAmount(e.getKey(), e.getValue())).toList();
  }

  private long totalWithReplaced(List<FiscalYearAmount> after, int gateYear) {
    long kept = plan.headMap(gateYear, true).values().stream().mapToLong(Long::longValue).sum();
    return Math.addExact(kept, FiscalYearAmount.total(after));
  }

  private void replacePlanAfter(int gateYear, List<FiscalYearAmount> after) {
    plan.tailMap(gateYear, false).clear();
    after.forEach(a -> plan.put(a.fiscalYear(), a.amountYen()));
  }

  private static TreeMap<Integer, Long> toPlan(List<FiscalYearAmount> allocations) {
    TreeMap<Integer, Long> result = new TreeMap<>();
    allocations.forEach(a -> result.put(a.fiscalYear(), a.amountYen()));
    return result;
  }

  private static List<FiscalYearAmount> toList(Map<Integer, Long> plan) {
    return plan.entrySet().stream().map(e -> new FiscalYearAmount(e.getKey(), e.getValue())).toList();
  }

  private static List<FiscalYearAmount> sorted(List<FiscalYearAmount> amounts) {
    return amounts.stream().sorted(java.util.Comparator.comparingInt(FiscalYearAmount::fiscalYear)).toList();
  }
}
