package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.GRANT;
import static jp.grants.grant.command.GrantFixtures.PI;
import static jp.grants.grant.command.GrantFixtures.REVIEW;
import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.awardedHistory;
import static jp.grants.grant.command.GrantFixtures.followUp;
import static jp.grants.grant.command.GrantFixtures.gateScheduled;
import static jp.grants.grant.command.GrantFixtures.hosts;
import static jp.grants.grant.command.GrantFixtures.plan;
import static jp.grants.grant.command.GrantFixtures.program;
import static jp.grants.grant.command.GrantFixtures.submitted;
import static jp.grants.grant.command.GrantFixtures.validSubmit;
import static jp.grants.grant.command.GrantFixtures.with;
import static jp.grants.grant.command.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AcademyReportSubmitted;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FinalEvaluationCompleted;
import jp.grants.contracts.grant.FinalEvaluationScheduled;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
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
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.contracts.grant.WorldPremierStatusGranted;
import jp.grants.contracts.grant.WorldPremierStatusWithdrawn;
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
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.RecordDisbursementRejectedCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.Commands.ResumeGrantCommand;
import jp.grants.grant.command.Commands.ScheduleEvaluationCommand;
import jp.grants.grant.command.Commands.ScheduleStageGateCommand;
import jp.grants.grant.command.Commands.ScreenProposalCommand;
import jp.grants.grant.command.Commands.SubmitAcademyReportCommand;
import jp.grants.grant.command.Commands.SuspendGrantCommand;
import jp.grants.grant.command.Commands.TerminateGrantCommand;
import jp.grants.grant.command.Commands.WithdrawWorldPremierStatusCommand;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The grant's life, one behaviour per specification. */
class GrantAggregateTest {
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    fixture = GrantFixtures.fixture();
  }

  private Object[] wpi() {
    return awardedHistory("WPI");
  }

  private Object[] core() {
    return awardedHistory("WPI-CORE");
  }

  @Nested
  class Proposals {
    @Test
    void shouldScreenAnEligibleProposalIntoReview() {
      var submit = validSubmit("WPI");
      fixture
          .given(submitted(submit))
          .when(new ScreenProposalCommand(GRANT, null, true, "complete"))
          .expectEvents(new ProposalScreened(GRANT, "WPI", "complete"));
    }

    @Test
    void shouldRejectAnIneligibleProposalAtScreening() {
      fixture
          .given(submitted(validSubmit("WPI")))
          .when(new ScreenProposalCommand(GRANT, null, false, "incomplete"))
          .expectEvents(new ProposalRejected(GRANT, "incomplete"));
    }

    @Test
    void shouldNotAwardAProposalBeforeItIsScreened() {
      fixture
          .given(submitted(validSubmit("WPI")))
          .when(new AwardGrantCommand(GRANT, null, List.of(), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "PROPOSED"));
    }

    @Test
    void shouldAwardTheRequestedPlanWhenNoneIsGiven() {
      var submit = validSubmit("WPI");
      fixture
          .given(submitted(submit), new ProposalScreened(GRANT, "WPI", "ok"))
          .when(new AwardGrantCommand(GRANT, null, List.of(), REVIEW))
          .expectEvents(
              new GrantAwarded(
                  GRANT,
                  "WPI",
                  "MAIN",
                  START,
                  START + 9,
                  submit.requestedPlan(),
                  7_000_000_000L,
                  GrantFixtures.program("WPI").eligibleExpenses(),
                  REVIEW));
    }

    @Test
    void shouldNotAwardAWpiPlanOverSevenHundredMillionAYear() {
      var submit = validSubmit("WPI");
      fixture
          .given(submitted(submit), new ProposalScreened(GRANT, "WPI", "ok"))
          .when(new AwardGrantCommand(GRANT, null, plan(START, 10, 700_000_001L), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.ANNUAL_CAP.code(), "700,000,000 yen"));
    }

    @Test
    void shouldDeclineAScreenedProposal() {
      UUID review = UUID.randomUUID();
      fixture
          .given(submitted(validSubmit("WPI")), new ProposalScreened(GRANT, "WPI", "ok"))
          .when(new DeclineProposalCommand(GRANT, null, "not selected", review))
          .expectEvents(new ProposalDeclined(GRANT, "not selected", review));
    }

    @Test
    void shouldNotScreenTwice() {
      fixture
          .given(submitted(validSubmit("WPI")), new ProposalScreened(GRANT, "WPI", "ok"))
          .when(new ScreenProposalCommand(GRANT, null, true, "again"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code()));
    }
  }

  @Nested
  class FollowUps {
    @Test
    void shouldRecordTheYearsCenterMetrics() {
      fixture
          .given(wpi())
          .when(new ReportAnnualFollowUpCommand(GRANT, null, START, 8, 90, 60, 20, "good year"))
          .expectEvents(
              new AnnualFollowUpReported(GRANT, START, 8, 90, 60, 20, "good year", List.of()));
    }

    @Test
    void shouldTakeOneFollowUpPerFiscalYear() {
      fixture
          .given(with(wpi(), followUp(START, 8, 90, 60, 20)))
          .when(new ReportAnnualFollowUpCommand(GRANT, null, START, 9, 95, 60, 20, "again"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.FOLLOW_UP_ONCE.code(), "FY" + START));
    }

    @Test
    void shouldRefuseAFollowUpForAYearOutsideTheGrant() {
      fixture
          .given(wpi())
          .when(new ReportAnnualFollowUpCommand(GRANT, null, START + 10, 8, 90, 60, 20, "late"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT.code()));
    }

    @Test
    void shouldRefuseFiguresThatCannotBeTrue() {
      fixture
          .given(wpi())
          .when(
              new ReportAnnualFollowUpCommand(
                  GRANT, null, START, 8, 90, 60, 61, "more abroad than all"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.FOLLOW_UP_FIGURES.code()));
    }
  }

  @Nested
  class WpiCoreStageGate {
    @Test
    void shouldNotStepUpAboveFiveHundredMillionWithoutAPassedGate() {
      var submit = validSubmit("WPI-CORE");
      fixture
          .given(submitted(submit), new ProposalScreened(GRANT, "WPI-CORE", "ok"))
          .when(new AwardGrantCommand(GRANT, null, plan(START, 10, 700_000_000L), REVIEW))
          .expectNoEvents()
          .expectException(
              refusedBy(
                  CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code(), "STEP-UP", "500,000,000 yen"));
    }

    @Test
    void shouldScheduleTheGateByYearFive() {
      fixture
          .given(core())
          .when(
              new ScheduleStageGateCommand(GRANT, null, START + 4, LocalDate.of(START + 4, 10, 1)))
          .expectEvents(
              new StageGateScheduled(
                  GRANT, "WPI-CORE", START + 4, LocalDate.of(START + 4, 10, 1), "STEP-UP"));
    }

    @Test
    void shouldRefuseAGateAfterYearFive() {
      fixture
          .given(core())
          .when(
              new ScheduleStageGateCommand(GRANT, null, START + 5, LocalDate.of(START + 5, 10, 1)))
          .expectNoEvents()
          .expectException(
              refusedBy(GrantRule.STAGE_GATE_DEADLINE.code(), "year 5", "FY" + (START + 4)));
    }

    @Test
    void shouldNotPassAGateThatWasNeverScheduled() {
      fixture
          .given(core())
          .when(new PassStageGateCommand(GRANT, null, List.of(), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STAGE_GATE_SCHEDULED.code()));
    }

    @Test
    void shouldNotPassAGateWithoutAFollowUpToJudge() {
      fixture
          .given(with(core(), gateScheduled(START + 3)))
          .when(new PassStageGateCommand(GRANT, null, List.of(), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.STAGE_GATE_NEEDS_FOLLOW_UP.code()));
    }

    @Test
    void shouldNotPassACenterBelowTheStepUpThresholds() {
      fixture
          .given(with(core(), followUp(START + 2, 6, 80, 50, 20), gateScheduled(START + 3)))
          .when(new PassStageGateCommand(GRANT, null, List.of(), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.STAGE_GATE_REQUIREMENTS.code(), "7 PIs", "6 PIs"));
    }

    @Test
    void shouldNotPassACenterWithTooFewResearchersFromAbroad() {
      fixture
          .given(with(core(), followUp(START + 2, 8, 80, 50, 14), gateScheduled(START + 3)))
          .when(new PassStageGateCommand(GRANT, null, List.of(), REVIEW))
          .expectNoEvents()
          .expectException(
              refusedBy(CatalogRule.STAGE_GATE_REQUIREMENTS.code(), "30%", "14 of 50"));
    }

    @Test
    void shouldStepUpToSevenHundredMillionAfterAPassedGate() {
      int gate = START + 3;
      List<FiscalYearAmount> after = plan(gate + 1, 6, 700_000_000L);
      long total = 4 * 500_000_000L + 6 * 700_000_000L;
      fixture
          .given(with(core(), followUp(START + 2, 7, 70, 50, 15), gateScheduled(gate)))
          .when(new PassStageGateCommand(GRANT, null, after, REVIEW))
          .expectEvents(
              new StageGatePassed(GRANT, gate, "INITIAL", "STEP-UP", after, total, REVIEW));
    }

    @Test
    void shouldStillCapTheStepUpPhaseAtSevenHundredMillion() {
      int gate = START + 3;
      fixture
          .given(with(core(), followUp(START + 2, 7, 70, 50, 15), gateScheduled(gate)))
          .when(new PassStageGateCommand(GRANT, null, plan(gate + 1, 6, 700_000_001L), REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.ANNUAL_CAP.code(), "700,000,000 yen"));
    }

    @Test
    void shouldWindDownAfterAFailedGate() {
      int gate = START + 3;
      long total = 5 * 500_000_000L;
      fixture
          .given(with(core(), gateScheduled(gate)))
          .when(new FailStageGateCommand(GRANT, null, "not ready", null, List.of(), REVIEW))
          .expectEvents(
              new StageGateFailed(
                  GRANT,
                  gate,
                  "not ready",
                  gate + 1,
                  plan(gate + 1, 1, 500_000_000L),
                  total,
                  REVIEW));
    }

    @Test
    void shouldNotScheduleASecondGateWhileOneIsOpen() {
      fixture
          .given(with(core(), gateScheduled(START + 2)))
          .when(new ScheduleStageGateCommand(GRANT, null, START + 3, LocalDate.of(START + 3, 5, 1)))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STAGE_GATE_ALREADY_SCHEDULED.code()));
    }
  }

  @Nested
  class Evaluations {
    @Test
    void shouldScheduleAndCompleteAnInterimEvaluation() {
      fixture
          .given(with(wpi(), new InterimEvaluationScheduled(GRANT, "WPI", START + 4)))
          .when(
              new CompleteEvaluationCommand(
                  GRANT, null, EvaluationKind.INTERIM, "A", "on track", REVIEW))
          .expectEvents(new InterimEvaluationCompleted(GRANT, START + 4, "A", "on track", REVIEW));
    }

    @Test
    void shouldNotCompleteAnEvaluationThatIsNotScheduled() {
      fixture
          .given(wpi())
          .when(new CompleteEvaluationCommand(GRANT, null, EvaluationKind.FINAL, "A", "x", REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.EVALUATION_SCHEDULED.code()));
    }

    @Test
    void shouldRefuseAGradeOutsideSABC() {
      fixture
          .given(with(wpi(), new FinalEvaluationScheduled(GRANT, "WPI", START + 9)))
          .when(new CompleteEvaluationCommand(GRANT, null, EvaluationKind.FINAL, "E", "x", REVIEW))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.EVALUATION_GRADE.code()));
    }

    @Test
    void shouldHoldWpisInterimEvaluationInYearFive() {
      fixture
          .given(wpi())
          .when(new ScheduleEvaluationCommand(GRANT, null, EvaluationKind.INTERIM, START + 2))
          .expectNoEvents()
          .expectException(
              refusedBy(
                  jp.grants.catalog.CatalogRule.INTERIM_EVALUATION_YEAR.code(),
                  "FY" + (START + 4)));
      fixture
          .given(wpi())
          .when(new ScheduleEvaluationCommand(GRANT, null, EvaluationKind.INTERIM, START + 4))
          .expectEvents(new InterimEvaluationScheduled(GRANT, "WPI", START + 4));
    }

    @Test
    void shouldScheduleEachEvaluationOnce() {
      fixture
          .given(with(wpi(), new InterimEvaluationScheduled(GRANT, "WPI", START + 4)))
          .when(new ScheduleEvaluationCommand(GRANT, null, EvaluationKind.INTERIM, START + 4))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.EVALUATION_ONCE.code()));
    }
  }

  @Nested
  class Extensions {
    private Object[] evaluatedWpi() {
      return with(
          wpi(),
          new FinalEvaluationScheduled(GRANT, "WPI", START + 9),
          new FinalEvaluationCompleted(GRANT, START + 9, "S", "excellent", null));
    }

    @Test
    void shouldExtendWpiByFiveYearsAtThreeHundredMillion() {
      List<FiscalYearAmount> extension = plan(START + 10, 5, 300_000_000L);
      fixture
          .given(evaluatedWpi())
          .when(new ExtendGrantCommand(GRANT, null, 5, extension))
          .expectEvents(
              new GrantExtended(GRANT, 5, START + 14, "EXTENSION", extension, 8_500_000_000L));
    }

    @Test
    void shouldNotExtendWpiBeyondFiveYears() {
      fixture
          .given(evaluatedWpi())
          .when(new ExtendGrantCommand(GRANT, null, 6, plan(START + 10, 6, 1)))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.EXTENSION_YEARS.code(), "5"));
    }

    @Test
    void shouldNotPayAnExtensionYearOverThreeHundredMillion() {
      fixture
          .given(evaluatedWpi())
          .when(new ExtendGrantCommand(GRANT, null, 1, plan(START + 10, 1, 300_000_001L)))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.ANNUAL_CAP.code(), "300,000,000 yen"));
    }

    @Test
    void shouldExtendWpiOnlyOnParticularlyExcellentResults() {
      Object[] graded =
          with(
              wpi(),
              new FinalEvaluationScheduled(GRANT, "WPI", START + 9),
              new FinalEvaluationCompleted(GRANT, START + 9, "A", "very good", null));
      fixture
          .given(graded)
          .when(new ExtendGrantCommand(GRANT, null, 1, plan(START + 10, 1, 1)))
          .expectNoEvents()
          .expectException(
              refusedBy(jp.grants.catalog.CatalogRule.EXTENSION_GRADE.code(), "S or better"));
    }

    @Test
    void shouldNotExtendBeforeAnEvaluation() {
      fixture
          .given(wpi())
          .when(new ExtendGrantCommand(GRANT, null, 1, plan(START + 10, 1, 1)))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.EXTENSION_NEEDS_EVALUATION.code()));
    }

    @Test
    void shouldKeepKakenhiWithinItsTotalAcrossTheExtension() {
      Object[] evaluated =
          with(
              awardedHistory("KAKENHI-ILR"),
              new InterimEvaluationScheduled(GRANT, "KAKENHI-ILR", START + 4),
              new InterimEvaluationCompleted(GRANT, START + 4, "A", "ok", null));
      // 7 x 71,428,571 = 499,999,997: three yen are left for the three extension years.
      fixture
          .given(evaluated)
          .when(new ExtendGrantCommand(GRANT, null, 3, plan(START + 7, 3, 1)))
          .expectEvents(
              new GrantExtended(
                  GRANT, 3, START + 9, "EXTENSION", plan(START + 7, 3, 1), 500_000_000L));
      fixture
          .given(evaluated)
          .when(new ExtendGrantCommand(GRANT, null, 3, plan(START + 7, 3, 2)))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.TOTAL_CAP.code(), "500,000,000 yen"));
    }
  }

  @Nested
  class Money {
    @Test
    void shouldRequestAnEligibleDisbursementWithinTheYearsAllocation() {
      UUID id = UUID.randomUUID();
      fixture
          .given(wpi())
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, id, START, 700_000_000L, ExpenseCategory.PERSONNEL, "salaries"))
          .expectEvents(
              new DisbursementRequested(
                  GRANT, id, "WPI", START, 700_000_000L, ExpenseCategory.PERSONNEL, "salaries"));
    }

    @Test
    void shouldNotRequestMoreThanTheYearsAllocationLeaves() {
      UUID first = UUID.randomUUID();
      fixture
          .given(
              with(
                  wpi(),
                  new DisbursementRequested(
                      GRANT, first, "WPI", START, 600_000_000L, ExpenseCategory.TRAVEL, "x")))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, UUID.randomUUID(), START, 100_000_001L, ExpenseCategory.TRAVEL, "y"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "by 1 yen"));
    }

    @Test
    void shouldFreeTheAllocationOfARejectedRequest() {
      UUID first = UUID.randomUUID();
      UUID second = UUID.randomUUID();
      fixture
          .given(
              with(
                  wpi(),
                  new DisbursementRequested(
                      GRANT, first, "WPI", START, 600_000_000L, ExpenseCategory.TRAVEL, "x"),
                  new DisbursementRejected(
                      GRANT,
                      first,
                      START,
                      600_000_000L,
                      "LEDGER-CAP-PROGRAM-FISCAL-YEAR",
                      CapLevel.PROGRAM_FISCAL_YEAR,
                      0,
                      "program budget spent")))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, second, START, 700_000_000L, ExpenseCategory.TRAVEL, "y"))
          .expectEvents(
              new DisbursementRequested(
                  GRANT, second, "WPI", START, 700_000_000L, ExpenseCategory.TRAVEL, "y"));
    }

    @Test
    void shouldRecordTheLedgersPaymentOnce() {
      UUID id = UUID.randomUUID();
      Object[] requested =
          with(
              wpi(),
              new DisbursementRequested(GRANT, id, "WPI", START, 5, ExpenseCategory.TRAVEL, "x"));
      FundsDisbursed paid = new FundsDisbursed(GRANT, id, START, 5, ExpenseCategory.TRAVEL);
      fixture
          .given(requested)
          .when(new RecordFundsDisbursedCommand(GRANT, id, START, 5, ExpenseCategory.TRAVEL))
          .expectEvents(paid);
      fixture
          .given(with(requested, paid))
          .when(new RecordFundsDisbursedCommand(GRANT, id, START, 5, ExpenseCategory.TRAVEL))
          .expectNoEvents()
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldRecordTheLedgersRefusalOnce() {
      UUID id = UUID.randomUUID();
      Object[] requested =
          with(
              wpi(),
              new DisbursementRequested(GRANT, id, "WPI", START, 5, ExpenseCategory.TRAVEL, "x"));
      var command =
          new RecordDisbursementRejectedCommand(
              GRANT, id, START, 5, "LEDGER-CAP-GRANT-TOTAL", CapLevel.GRANT_TOTAL, 4, "over");
      var rejected =
          new DisbursementRejected(
              GRANT, id, START, 5, "LEDGER-CAP-GRANT-TOTAL", CapLevel.GRANT_TOTAL, 4, "over");
      fixture.given(requested).when(command).expectEvents(rejected);
      fixture.given(with(requested, rejected)).when(command).expectNoEvents();
    }

    @Test
    void shouldRecordOnceAPaymentTheGrantNeverRequested() {
      UUID id = UUID.randomUUID(); // the ledger paid a request made on its own REST API
      FundsDisbursed paid = new FundsDisbursed(GRANT, id, START, 7, ExpenseCategory.PERSONNEL);
      fixture
          .given(wpi())
          .when(new RecordFundsDisbursedCommand(GRANT, id, START, 7, ExpenseCategory.PERSONNEL))
          .expectEvents(paid);
      fixture
          .given(with(wpi(), paid))
          .when(new RecordFundsDisbursedCommand(GRANT, id, START, 7, ExpenseCategory.PERSONNEL))
          .expectNoEvents()
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldKeepWhatWasPaidAgainstTheYearsAllocationOnceTheDisbursementIsSettled() {
      UUID first = UUID.randomUUID();
      fixture
          .given(
              with(
                  wpi(),
                  new DisbursementRequested(
                      GRANT, first, "WPI", START, 600_000_000L, ExpenseCategory.TRAVEL, "x"),
                  new FundsDisbursed(GRANT, first, START, 600_000_000L, ExpenseCategory.TRAVEL)))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, UUID.randomUUID(), START, 100_000_001L, ExpenseCategory.TRAVEL, "y"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "by 1 yen"));
    }

    @Test
    void shouldRefuseTheIdOfADisbursementThatIsOpenOrJustSettled() {
      UUID id = UUID.randomUUID();
      Object[] requested =
          with(
              wpi(),
              new DisbursementRequested(GRANT, id, "WPI", START, 5, ExpenseCategory.TRAVEL, "x"));
      var again =
          new RequestDisbursementCommand(GRANT, null, id, START, 5, ExpenseCategory.TRAVEL, "x");
      fixture
          .given(requested)
          .when(again)
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.DISBURSEMENT_ID_UNIQUE.code()));
      fixture
          .given(with(requested, new FundsDisbursed(GRANT, id, START, 5, ExpenseCategory.TRAVEL)))
          .when(again)
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.DISBURSEMENT_ID_UNIQUE.code()));
    }

    /**
     * The aggregate keeps the settled ids of a bounded window only: an answer for an id settled
     * longer ago is taken for a payment the grant never requested. The ledger answers each id once,
     * and the inbox drops a redelivered answer by its event id, so such an answer never comes.
     */
    @Test
    void shouldKeepOnlyOpenDisbursementsAndTheYearsSums() {
      UUID id = UUID.randomUUID();
      List<Object> history = new java.util.ArrayList<>(List.of(wpi()));
      history.add(
          new DisbursementRequested(GRANT, id, "WPI", START, 5, ExpenseCategory.TRAVEL, "x"));
      history.add(new FundsDisbursed(GRANT, id, START, 5, ExpenseCategory.TRAVEL));
      for (int i = 0; i < Grant.RECENTLY_SETTLED_KEPT; i++) {
        UUID other = UUID.randomUUID();
        history.add(
            new DisbursementRequested(
                GRANT, other, "WPI", START + 1, 2, ExpenseCategory.TRAVEL, "y"));
        history.add(
            i % 2 == 0
                ? new FundsDisbursed(GRANT, other, START + 1, 2, ExpenseCategory.TRAVEL)
                : new DisbursementRejected(
                    GRANT,
                    other,
                    START + 1,
                    2,
                    "LEDGER-CAP-GRANT-TOTAL",
                    CapLevel.GRANT_TOTAL,
                    0,
                    "over"));
      }
      UUID open = UUID.randomUUID();
      history.add(
          new DisbursementRequested(GRANT, open, "WPI", START + 2, 3, ExpenseCategory.TRAVEL, "z"));
      fixture
          .given(history.toArray())
          .when(new RecordFundsDisbursedCommand(GRANT, id, START, 5, ExpenseCategory.TRAVEL))
          .expectEvents(new FundsDisbursed(GRANT, id, START, 5, ExpenseCategory.TRAVEL))
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                org.assertj.core.api.Assertions.assertThat(view.openDisbursements())
                    .containsOnlyKeys(open);
                org.assertj.core.api.Assertions.assertThat(view.disbursementsByFiscalYear())
                    .containsExactly(
                        java.util.Map.entry(START, new GrantView.FiscalYearDisbursements(10, 2, 0)),
                        java.util.Map.entry(
                            START + 1,
                            new GrantView.FiscalYearDisbursements(
                                2L * Grant.RECENTLY_SETTLED_KEPT / 2,
                                Grant.RECENTLY_SETTLED_KEPT / 2,
                                Grant.RECENTLY_SETTLED_KEPT / 2)));
                org.assertj.core.api.Assertions.assertThat(view.disbursedYen())
                    .isEqualTo(10 + Grant.RECENTLY_SETTLED_KEPT);
              });
    }

    @Test
    void shouldNotPayOutOfAClosedGrant() {
      fixture
          .given(with(wpi(), new GrantClosed(GRANT, "done")))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, UUID.randomUUID(), START, 5, ExpenseCategory.TRAVEL, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "CLOSED"));
    }
  }

  /** 中断 and 再開: a suspended grant is paid nothing, reports nothing, and resumes as it was. */
  @Nested
  class Suspensions {
    private final LocalDate from = LocalDate.of(START, 10, 1);
    private final GrantSuspended suspended =
        new GrantSuspended(GRANT, LocalDate.of(START, 10, 1), "ACTIVE", "PI on leave");

    @Test
    void shouldSuspendARunningGrantFromADateInItsTerm() {
      fixture
          .given(wpi())
          .when(new SuspendGrantCommand(GRANT, null, from, "PI on leave"))
          .expectEvents(suspended);
    }

    @Test
    void shouldNotSuspendFromADateOutsideTheTerm() {
      fixture
          .given(wpi())
          .when(new SuspendGrantCommand(GRANT, null, LocalDate.of(START + 12, 4, 1), "late"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.SUSPENSION_DATE.code(), "FY" + (START + 12)));
    }

    @Test
    void shouldRequestNoDisbursementWhileSuspended() {
      fixture
          .given(with(wpi(), suspended))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, UUID.randomUUID(), START, 1_000L, ExpenseCategory.TRAVEL, "x"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SUSPENDED.code(), "PI on leave"));
    }

    @Test
    void shouldTakeNoFollowUpWhileSuspended() {
      fixture
          .given(with(wpi(), suspended))
          .when(new ReportAnnualFollowUpCommand(GRANT, null, START, 8, 90, 60, 20, "a year"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SUSPENDED.code(), "resume it first"));
    }

    @Test
    void shouldNotSuspendTwiceNorCloseWhileSuspended() {
      fixture
          .given(with(wpi(), suspended))
          .when(new SuspendGrantCommand(GRANT, null, from.plusDays(1), "again"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SUSPENDED.code()));
      fixture
          .given(with(wpi(), suspended))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SUSPENDED.code()));
    }

    @Test
    void shouldResumeInTheStatusItHadCountingTheDaysSuspended() {
      LocalDate back = LocalDate.of(START + 1, 1, 15);
      UUID paid = UUID.randomUUID();
      fixture
          .given(with(wpi(), suspended))
          .when(new ResumeGrantCommand(GRANT, null, back, "PI back"))
          .expectEvents(new GrantResumed(GRANT, back, 106, "ACTIVE", "PI back"));
      fixture
          .given(with(wpi(), suspended, new GrantResumed(GRANT, back, 106, "ACTIVE", "PI back")))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, paid, START, 1_000L, ExpenseCategory.TRAVEL, "x"))
          .expectEvents(
              new DisbursementRequested(
                  GRANT, paid, "WPI", START, 1_000L, ExpenseCategory.TRAVEL, "x"));
    }

    @Test
    void shouldNotResumeBeforeTheSuspensionNorAGrantThatIsNotSuspended() {
      fixture
          .given(with(wpi(), suspended))
          .when(new ResumeGrantCommand(GRANT, null, from.minusDays(1), "too early"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.SUSPENSION_DATE.code(), "since " + from));
      fixture
          .given(wpi())
          .when(new ResumeGrantCommand(GRANT, null, from, "not suspended"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "ACTIVE"));
    }

    @Test
    void shouldTerminateASuspendedGrant() {
      fixture
          .given(with(wpi(), suspended))
          .when(new TerminateGrantCommand(GRANT, null, START, "not resumed"))
          .expectEvents(new GrantTerminated(GRANT, START, "not resumed"));
    }
  }

  @Nested
  class ChangesDuringTheGrant {
    private final LocalDate on = LocalDate.of(START + 2, 7, 1);
    private final Investigator successor = new Investigator("Taro Sato", "Osaka University", "JP");

    @Test
    void shouldReplaceThePrincipalInvestigatorNamingTheOneBefore() {
      fixture
          .given(wpi())
          .when(new ChangePrincipalInvestigatorCommand(GRANT, null, successor, on, "retired"))
          .expectEvents(new PrincipalInvestigatorChanged(GRANT, PI, successor, on, "retired"))
          .expectState(
              grant -> assertThat(grant.view(3).principalInvestigator()).isEqualTo(successor));
    }

    @Test
    void shouldReplaceThePrincipalInvestigatorOfASuspendedGrantButNotOfAClosedOne() {
      GrantSuspended suspended =
          new GrantSuspended(GRANT, LocalDate.of(START, 10, 1), "ACTIVE", "PI left");
      fixture
          .given(with(wpi(), suspended))
          .when(new ChangePrincipalInvestigatorCommand(GRANT, null, successor, on, "PI left"))
          .expectEvents(new PrincipalInvestigatorChanged(GRANT, PI, successor, on, "PI left"));
      fixture
          .given(with(wpi(), new GrantClosed(GRANT, "done")))
          .when(new ChangePrincipalInvestigatorCommand(GRANT, null, successor, on, "late"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "CLOSED"));
    }

    @Test
    void shouldRefuseTheSamePrincipalInvestigatorAndADateOutsideTheTerm() {
      fixture
          .given(wpi())
          .when(new ChangePrincipalInvestigatorCommand(GRANT, null, PI, on, "nothing"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.PI_CHANGE_SAME.code(), PI.name()));
      fixture
          .given(wpi())
          .when(
              new ChangePrincipalInvestigatorCommand(
                  GRANT, null, successor, LocalDate.of(START - 1, 4, 1), "early"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.CHANGE_DATE.code(), "FY" + (START - 1)));
    }

    @Test
    void shouldMoveToAnotherHostWithinTheHostRule() {
      List<String> before = hosts(program("WPI"));
      fixture
          .given(wpi())
          .when(
              new ChangeHostInstitutionsCommand(
                  GRANT, null, List.of("Nagoya University"), on, "the center moved"))
          .expectEvents(
              new HostInstitutionsChanged(
                  GRANT, before, List.of("Nagoya University"), on, "the center moved"));
      // standard WPI has one host: a second is refused by the program's host rule
      fixture
          .given(wpi())
          .when(
              new ChangeHostInstitutionsCommand(
                  GRANT, null, List.of("Nagoya University", "Kobe University"), on, "alliance"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.HOSTS.code()));
      fixture
          .given(wpi())
          .when(new ChangeHostInstitutionsCommand(GRANT, null, before, on, "same"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.HOST_CHANGE_SAME.code()));
    }

    @Test
    void shouldAddAndRemoveHostsOfAMultipleHostCenterWithinItsRule() {
      List<String> before = hosts(program("WPI-MULTI"));
      List<String> added = new java.util.ArrayList<>(before);
      added.add("Hokkaido University");
      fixture
          .given(awardedHistory("WPI-MULTI"))
          .when(new ChangeHostInstitutionsCommand(GRANT, null, added, on, "a third host joins"))
          .expectEvents(
              new HostInstitutionsChanged(GRANT, before, added, on, "a third host joins"));
      fixture
          .given(awardedHistory("WPI-MULTI"))
          .when(
              new ChangeHostInstitutionsCommand(
                  GRANT, null, before.subList(0, 1), on, "the alliance broke up"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.HOSTS.code()));
    }

    @Test
    void shouldMoveTheEndWithoutMoneyOnceByAtMostOneYear() {
      int end = START + 9;
      fixture
          .given(wpi())
          .when(new GrantNoCostExtensionCommand(GRANT, null, 1, "construction delayed"))
          .expectEvents(new NoCostExtensionGranted(GRANT, 1, end + 1, "construction delayed"))
          .expectState(
              grant -> {
                GrantView view = grant.view(3);
                assertThat(view.endFiscalYear()).isEqualTo(end + 1);
                assertThat(view.noCostExtensionYears()).isEqualTo(1);
                // the money does not move: no allocation for the new year, the total unchanged
                assertThat(view.allocations()).noneMatch(a -> a.fiscalYear() == end + 1);
                assertThat(view.totalAwardedYen()).isEqualTo(grantTotal());
              });
      fixture
          .given(with(wpi(), new NoCostExtensionGranted(GRANT, 1, end + 1, "delayed")))
          .when(new GrantNoCostExtensionCommand(GRANT, null, 1, "again"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.NO_COST_EXTENSION_YEARS.code(), "0 left"));
      fixture
          .given(wpi())
          .when(new GrantNoCostExtensionCommand(GRANT, null, 2, "two"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.NO_COST_EXTENSION_YEARS.code(), "2 asked"));
    }

    @Test
    void shouldNotExtendAtNoCostAGrantWindingDownOrSuspended() {
      fixture
          .given(
              with(
                  wpi(), new GrantSuspended(GRANT, LocalDate.of(START, 10, 1), "ACTIVE", "paused")))
          .when(new GrantNoCostExtensionCommand(GRANT, null, 1, "x"))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SUSPENDED.code()));
    }

    @Test
    void shouldAcceptADisbursementRequestInTheNewYear() {
      UUID id = UUID.randomUUID();
      int newYear = START + 10;
      fixture
          .given(with(wpi(), new NoCostExtensionGranted(GRANT, 1, newYear, "delayed")))
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, id, newYear, 1_000L, ExpenseCategory.TRAVEL, "x"))
          // in the term now, but nothing is allocated to the year: refused by the allocation
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code()));
    }

    private long grantTotal() {
      Object[] history = wpi();
      return ((GrantAwarded) history[history.length - 1]).totalAwardedYen();
    }
  }

  @Nested
  class WpiAcademy {
    private final LocalDate granted = LocalDate.of(START + 10, 6, 1);

    private Object[] closedWithFinalGrade(String code, String grade) {
      return with(
          awardedHistory(code),
          new FinalEvaluationScheduled(GRANT, code, START + 9),
          new FinalEvaluationCompleted(GRANT, START + 9, grade, "final", null),
          new GrantClosed(GRANT, "completed"));
    }

    private Object[] academy() {
      return with(
          closedWithFinalGrade("WPI", "S"),
          new WorldPremierStatusGranted(GRANT, granted, "S", "World Premier Status"));
    }

    @Test
    void shouldGrantWorldPremierStatusToAClosedCenterGradedS() {
      fixture
          .given(closedWithFinalGrade("WPI", "S"))
          .when(new GrantWorldPremierStatusCommand(GRANT, null, granted, "committee's finding"))
          .expectEvents(new WorldPremierStatusGranted(GRANT, granted, "S", "committee's finding"))
          .expectState(
              grant -> {
                assertThat(grant.view(6).status()).isEqualTo(GrantStatus.ACADEMY);
                assertThat(grant.view(6).academy().since()).isEqualTo(granted);
              });
    }

    @Test
    void shouldRefuseWorldPremierStatusBelowSBeforeClosureAndOutsideWpi() {
      fixture
          .given(closedWithFinalGrade("WPI", "A"))
          .when(new GrantWorldPremierStatusCommand(GRANT, null, granted, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.ACADEMY_EVALUATION.code(), "is A"));
      fixture
          .given(wpi())
          .when(new GrantWorldPremierStatusCommand(GRANT, null, granted, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "ACTIVE"));
      fixture
          .given(closedWithFinalGrade("ASPIRE", "S"))
          .when(new GrantWorldPremierStatusCommand(GRANT, null, granted, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.ACADEMY_PROGRAM.code(), "ASPIRE"));
    }

    @Test
    void shouldTakeOneAcademyReportAYearFromTheYearOfTheStatus() {
      int year = START + 11;
      fixture
          .given(academy())
          .when(new SubmitAcademyReportCommand(GRANT, null, year, 9, 80, "outreach"))
          .expectEvents(new AcademyReportSubmitted(GRANT, year, 9, 80, "outreach"));
      fixture
          .given(with(academy(), new AcademyReportSubmitted(GRANT, year, 9, 80, "outreach")))
          .when(new SubmitAcademyReportCommand(GRANT, null, year, 9, 80, "again"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.ACADEMY_REPORT_ONCE.code()));
      fixture
          .given(academy())
          .when(new SubmitAcademyReportCommand(GRANT, null, START + 9, 9, 80, "before"))
          .expectNoEvents()
          .expectException(
              refusedBy(GrantRule.ACADEMY_REPORT_YEAR.code(), "since FY" + (START + 10)));
      fixture
          .given(closedWithFinalGrade("WPI", "S"))
          .when(new SubmitAcademyReportCommand(GRANT, null, year, 9, 80, "not academy"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "CLOSED"));
    }

    @Test
    void shouldWithdrawTheStatusBackToClosedAndTakeNoMoreReports() {
      LocalDate lost = LocalDate.of(START + 13, 4, 1);
      fixture
          .given(academy())
          .when(new WithdrawWorldPremierStatusCommand(GRANT, null, lost, "research declined"))
          .expectEvents(new WorldPremierStatusWithdrawn(GRANT, lost, "research declined"))
          .expectState(
              grant -> {
                assertThat(grant.view(6).status()).isEqualTo(GrantStatus.CLOSED);
                assertThat(grant.view(6).academy()).isNull();
              });
      fixture
          .given(academy())
          .when(
              new WithdrawWorldPremierStatusCommand(
                  GRANT, null, granted.minusDays(1), "before it was granted"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.CHANGE_DATE.code()));
    }

    @Test
    void shouldPayNothingToAnAcademyCenter() {
      fixture
          .given(academy())
          .when(
              new RequestDisbursementCommand(
                  GRANT, null, UUID.randomUUID(), START + 9, 1_000L, ExpenseCategory.TRAVEL, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "ACADEMY"));
    }
  }

  @Nested
  class Endings {
    @Test
    void shouldTerminateWithALastFiscalYearInsideTheGrant() {
      fixture
          .given(wpi())
          .when(new TerminateGrantCommand(GRANT, null, START + 2, "misconduct"))
          .expectEvents(new GrantTerminated(GRANT, START + 2, "misconduct"));
    }

    @Test
    void shouldRefuseATerminationYearOutsideTheGrant() {
      fixture
          .given(wpi())
          .when(new TerminateGrantCommand(GRANT, null, START + 10, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.TERMINATION_YEAR.code()));
    }

    @Test
    void shouldCloseATerminatedGrantOutOnceItsMoneyIsSettled() {
      fixture
          .given(with(wpi(), new GrantTerminated(GRANT, START + 2, "host withdrew")))
          .when(new CloseGrantCommand(GRANT, null, "closed out"))
          .expectEvents(new GrantClosed(GRANT, "closed out"));
    }

    @Test
    void shouldCloseOnceAndOnlyOnce() {
      fixture
          .given(wpi())
          .when(new CloseGrantCommand(GRANT, null, "completed"))
          .expectEvents(new GrantClosed(GRANT, "completed"));
      fixture
          .given(with(wpi(), new GrantClosed(GRANT, "completed")))
          .when(new CloseGrantCommand(GRANT, null, "again"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code()));
    }

    @Test
    void shouldNotTerminateARejectedProposal() {
      fixture
          .given(submitted(validSubmit("WPI")), new ProposalRejected(GRANT, "no"))
          .when(new TerminateGrantCommand(GRANT, null, START, "x"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.STATUS.code(), "REJECTED"));
    }
  }
}
