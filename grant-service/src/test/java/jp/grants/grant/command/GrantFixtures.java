package jp.grants.grant.command;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.grant.command.Commands.SubmitProposalCommand;

/** Ready-made commands and histories for the aggregate specifications. */
final class GrantFixtures {
  /**
   * A fixture of the aggregate with every award allowed by its call (the calls' planned awards are
   * the database's, tested over REST).
   */
  static org.axonframework.test.aggregate.AggregateTestFixture<Grant> fixture() {
    return fixture(CallQuota.NONE);
  }

  /** A fixture whose awards take their call's places from the quota given. */
  static org.axonframework.test.aggregate.AggregateTestFixture<Grant> fixture(CallQuota calls) {
    org.axonframework.test.aggregate.AggregateTestFixture<Grant> fixture =
        new org.axonframework.test.aggregate.AggregateTestFixture<>(Grant.class);
    fixture.registerInjectableResource(calls);
    return fixture;
  }

  static final UUID GRANT = UUID.fromString("00000000-0000-0000-0000-00000000c0de");
  static final int START = 2026;
  static final Investigator PI = new Investigator("Hanako Yamada", "Kyoto University", "JP");

  /**
   * The committee's review a decision comes from: WPI's decisions are its committee's only (catalog
   * deciders), so the specifications of their other rules take them as the committee's.
   */
  static final UUID REVIEW = UUID.fromString("00000000-0000-0000-0000-00000000beef");

  /**
   * A center that meets every phase's requirements of the WPI programs: 10 PIs, 100 staff, 20 of 60
   * from abroad.
   */
  static final CenterFigures SIZED = new CenterFigures(10, 100, 60, 20);

  private GrantFixtures() {}

  static Program program(String code) {
    return ProgramCatalog.load().require(code);
  }

  static List<FiscalYearAmount> plan(int first, int years, long amount) {
    return IntStream.range(0, years)
        .mapToObj(i -> new FiscalYearAmount(first + i, amount))
        .toList();
  }

  /**
   * An amount every year that the program's first phase allows (its cap, or its total spread
   * evenly).
   */
  static long fittingAnnual(Program program, int years) {
    Phase first = program.initialPhase();
    return first.annualCapYen() != null ? first.annualCapYen() : program.totalCapYen() / years;
  }

  static List<String> hosts(Program program) {
    return IntStream.range(0, program.hosts().min()).mapToObj(i -> "Host University " + i).toList();
  }

  static SubmitProposalCommand submit(
      String code, int years, List<FiscalYearAmount> plan, List<String> hosts) {
    return new SubmitProposalCommand(
        GRANT,
        code,
        "A center",
        "summary",
        "applicant-1",
        PI,
        hosts,
        START,
        years,
        plan,
        ProgramCatalog.load().find(code).map(GrantFixtures::planned).orElse(null));
  }

  /**
   * The figures a proposal to the program plans: {@link #SIZED} where its initial phase has
   * requirements.
   */
  static CenterFigures planned(Program program) {
    return program.initialPhase().requirementsOrNone().isNone() ? null : SIZED;
  }

  /**
   * A valid proposal for any program: shortest duration, largest amounts its first phase allows.
   */
  static SubmitProposalCommand validSubmit(String code) {
    Program program = program(code);
    int years = program.duration().minYears();
    return submit(code, years, plan(START, years, fittingAnnual(program, years)), hosts(program));
  }

  static ProposalSubmitted submitted(SubmitProposalCommand c) {
    return submitted(c, c.callId());
  }

  /** The proposal as if it had been submitted to the call. */
  static ProposalSubmitted submitted(SubmitProposalCommand c, UUID callId) {
    return new ProposalSubmitted(
        c.grantId(),
        c.programCode(),
        c.title(),
        c.summary(),
        c.applicantId(),
        c.principalInvestigator(),
        c.hostInstitutions(),
        c.startFiscalYear(),
        c.durationYears(),
        c.requestedPlan(),
        c.plannedFigures(),
        callId);
  }

  static Object[] awardedHistory(String code) {
    SubmitProposalCommand c = validSubmit(code);
    Program program = program(code);
    int last = START + c.durationYears() - 1;
    return new Object[] {
      submitted(c),
      new ProposalScreened(GRANT, code, "ok"),
      new GrantAwarded(
          GRANT,
          code,
          program.initialPhase().code(),
          START,
          last,
          c.requestedPlan(),
          FiscalYearAmount.total(c.requestedPlan()),
          program.eligibleExpenses(),
          null)
    };
  }

  /**
   * The history as a grant submitted under the current catalog version records it: its first event
   * names the version (a history without one is a grant from before versioning, pinned to the
   * baseline, whose rules predate the catalog's deciders).
   */
  static Object[] underCurrentCatalog(Object... history) {
    Object[] pinned = history.clone();
    pinned[0] =
        new org.axonframework.eventhandling.GenericDomainEventMessage<>(
            "Grant",
            GRANT.toString(),
            0,
            history[0],
            org.axonframework.messaging.MetaData.with(
                Grant.CATALOG_VERSION, ProgramCatalog.load().version()));
    return pinned;
  }

  static Object[] with(Object[] history, Object... more) {
    Object[] all = new Object[history.length + more.length];
    System.arraycopy(history, 0, all, 0, history.length);
    System.arraycopy(more, 0, all, history.length, more.length);
    return all;
  }

  static AnnualFollowUpReported followUp(
      int year, int pis, int staff, int researchers, int fromAbroad) {
    return new AnnualFollowUpReported(GRANT, year, pis, staff, researchers, fromAbroad, "report");
  }

  static StageGateScheduled gateScheduled(int year) {
    return new StageGateScheduled(GRANT, "WPI-CORE", year, LocalDate.of(year, 10, 1), "STEP-UP");
  }
}
