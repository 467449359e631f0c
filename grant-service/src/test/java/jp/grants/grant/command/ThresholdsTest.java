package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.GRANT;
import static jp.grants.grant.command.GrantFixtures.PI;
import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.awardedHistory;
import static jp.grants.grant.command.GrantFixtures.followUp;
import static jp.grants.grant.command.GrantFixtures.gateScheduled;
import static jp.grants.grant.command.GrantFixtures.plan;
import static jp.grants.grant.command.GrantFixtures.with;
import static jp.grants.grant.command.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.RequirementShortfall;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.Commands.SubmitProposalCommand;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seeds' thresholds (WPI: at least 7 PIs, 70 staff, 30 % of the researchers from abroad; WPI
 * CORE before step-up 5, 50, 30 %): conditions of eligibility at award, flags at each follow-up.
 */
class ThresholdsTest {
  private static final List<String> HOST = List.of("Kyoto University");
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    fixture = GrantFixtures.fixture();
  }

  private static ProposalSubmitted wpiProposal(CenterFigures planned) {
    return new ProposalSubmitted(
        GRANT,
        "WPI",
        "A center",
        "summary",
        "applicant-1",
        PI,
        HOST,
        START,
        10,
        plan(START, 10, 700_000_000L),
        planned);
  }

  private static GrantAwarded wpiAwarded() {
    List<FiscalYearAmount> money = plan(START, 10, 700_000_000L);
    return new GrantAwarded(
        GRANT,
        "WPI",
        "MAIN",
        START,
        START + 9,
        money,
        7_000_000_000L,
        GrantFixtures.program("WPI").eligibleExpenses(),
        GrantFixtures.REVIEW);
  }

  @Test
  void shouldRecordThePlannedFiguresWithTheProposal() {
    CenterFigures planned = new CenterFigures(7, 70, 60, 18);
    fixture
        .givenNoPriorActivity()
        .when(
            new SubmitProposalCommand(
                GRANT,
                "WPI",
                "A center",
                "summary",
                "applicant-1",
                PI,
                HOST,
                START,
                10,
                plan(START, 10, 700_000_000L),
                planned))
        .expectEvents(wpiProposal(planned));
  }

  @Test
  void shouldRefusePlannedFiguresThatCannotBeTrue() {
    fixture
        .givenNoPriorActivity()
        .when(
            new SubmitProposalCommand(
                GRANT,
                "WPI",
                "A center",
                "summary",
                "applicant-1",
                PI,
                HOST,
                START,
                10,
                plan(START, 10, 700_000_000L),
                new CenterFigures(7, 70, 60, 61)))
        .expectNoEvents()
        .expectException(refusedBy(GrantRule.PLANNED_FIGURES.code()));
  }

  @Test
  void shouldAwardAWpiCenterPlannedExactlyAtTheLimits() {
    fixture
        .given(
            wpiProposal(new CenterFigures(7, 70, 70, 21)), new ProposalScreened(GRANT, "WPI", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectEvents(wpiAwarded());
  }

  @Test
  void shouldNotAwardAWpiCenterPlannedWithOnePrincipalInvestigatorTooFew() {
    fixture
        .given(
            wpiProposal(new CenterFigures(6, 70, 70, 21)), new ProposalScreened(GRANT, "WPI", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(
            refusedBy(
                CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
                "at least 7 principal investigators; 6 given"));
  }

  @Test
  void shouldNotAwardAWpiCenterPlannedWithOneStaffTooFew() {
    fixture
        .given(
            wpiProposal(new CenterFigures(7, 69, 69, 21)), new ProposalScreened(GRANT, "WPI", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.TOTAL_STAFF.code(), "69 given"));
  }

  @Test
  void shouldNotAwardAWpiCenterPlannedWithOneResearcherFromAbroadTooFew() {
    fixture
        .given(
            wpiProposal(new CenterFigures(7, 70, 70, 20)), new ProposalScreened(GRANT, "WPI", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.FOREIGN_RESEARCHERS.code(), "21 of 70; 20 given"));
  }

  @Test
  void shouldNotAwardAWpiProposalThatStatesNoPlannedFigures() {
    fixture
        .given(wpiProposal(null), new ProposalScreened(GRANT, "WPI", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.PLANNED_FIGURES.code(), "plannedFigures"));
  }

  @Test
  void shouldJudgeAWpiCoreProposalByTheRequirementsBeforeStepUp() {
    ProposalSubmitted core =
        new ProposalSubmitted(
            GRANT,
            "WPI-CORE",
            "A center",
            "summary",
            "applicant-1",
            PI,
            HOST,
            START,
            10,
            plan(START, 10, 500_000_000L),
            new CenterFigures(5, 50, 40, 12));
    fixture
        .given(core, new ProposalScreened(GRANT, "WPI-CORE", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectSuccessfulHandlerExecution();
    ProposalSubmitted small =
        new ProposalSubmitted(
            GRANT,
            "WPI-CORE",
            "A center",
            "summary",
            "applicant-1",
            PI,
            HOST,
            START,
            10,
            plan(START, 10, 500_000_000L),
            new CenterFigures(4, 50, 40, 12));
    GrantFixtures.fixture()
        .given(small, new ProposalScreened(GRANT, "WPI-CORE", "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.PRINCIPAL_INVESTIGATORS.code()));
  }

  @Test
  void shouldAwardProgramsWithoutRequirementsWithoutPlannedFigures() {
    GrantAwarded direct = (GrantAwarded) awardedHistory("ASPIRE")[2];
    fixture
        .given(awardedHistory("ASPIRE")[0], awardedHistory("ASPIRE")[1])
        .when(new AwardGrantCommand(GRANT, null, List.of(), null, "JST's panel selected it"))
        .expectEvents(
            new GrantAwarded(
                direct.grantId(),
                direct.programCode(),
                direct.phase(),
                direct.startFiscalYear(),
                direct.endFiscalYear(),
                direct.allocations(),
                direct.totalAwardedYen(),
                direct.eligibleExpenses(),
                null,
                "JST's panel selected it"));
  }

  @Test
  void shouldFlagAFollowUpBelowThePhasesRequirementsWithoutRefusingIt() {
    fixture
        .given(
            wpiProposal(new CenterFigures(10, 100, 60, 20)),
            new ProposalScreened(GRANT, "WPI", "ok"),
            wpiAwarded())
        .when(
            new ReportAnnualFollowUpCommand(GRANT, null, START + 1, 6, 65, 50, 14, "two PIs left"))
        .expectEvents(
            new AnnualFollowUpReported(
                GRANT,
                START + 1,
                6,
                65,
                50,
                14,
                "two PIs left",
                List.of(
                    new RequirementShortfall(
                        CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
                        7,
                        6,
                        "at least 7 principal investigators; 6 given"),
                    new RequirementShortfall(
                        CatalogRule.TOTAL_STAFF.code(),
                        70,
                        65,
                        "at least 70 staff in all; 65 given"),
                    new RequirementShortfall(
                        CatalogRule.FOREIGN_RESEARCHERS.code(),
                        15,
                        14,
                        "at least 30% of the researchers from abroad: 15 of 50; 14 given"))))
        .expectState(
            grant -> {
              GrantView.FollowUp shown = grant.view(0).followUps().get(START + 1);
              assertThat(shown.shortfalls())
                  .extracting(RequirementShortfall::rule)
                  .containsExactly(
                      CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
                      CatalogRule.TOTAL_STAFF.code(),
                      CatalogRule.FOREIGN_RESEARCHERS.code());
            });
  }

  @Test
  void shouldMeasureAFollowUpAgainstTheCurrentPhase() {
    // Six PIs are enough for WPI CORE before step-up (5), not after it (7).
    fixture
        .given(awardedHistory("WPI-CORE"))
        .when(new ReportAnnualFollowUpCommand(GRANT, null, START, 6, 60, 50, 15, "before the gate"))
        .expectEvents(
            new AnnualFollowUpReported(GRANT, START, 6, 60, 50, 15, "before the gate", List.of()));
    int gate = START + 3;
    Object[] steppedUp =
        with(
            awardedHistory("WPI-CORE"),
            followUp(START + 2, 7, 70, 50, 15),
            gateScheduled(gate),
            new StageGatePassed(
                GRANT,
                gate,
                "INITIAL",
                "STEP-UP",
                plan(gate + 1, 6, 700_000_000L),
                4 * 500_000_000L + 6 * 700_000_000L,
                null));
    GrantFixtures.fixture()
        .given(steppedUp)
        .when(
            new ReportAnnualFollowUpCommand(GRANT, null, gate + 1, 6, 60, 50, 15, "after the gate"))
        .expectEvents(
            new AnnualFollowUpReported(
                GRANT,
                gate + 1,
                6,
                60,
                50,
                15,
                "after the gate",
                List.of(
                    new RequirementShortfall(
                        CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
                        7,
                        6,
                        "at least 7 principal investigators; 6 given"),
                    new RequirementShortfall(
                        CatalogRule.TOTAL_STAFF.code(),
                        70,
                        60,
                        "at least 70 staff in all; 60 given"))));
  }

  @Test
  void shouldShowAnEvaluationTheFollowUpsUpToItsYearThatFellShort() {
    AnnualFollowUpReported good =
        new AnnualFollowUpReported(GRANT, START, 8, 80, 60, 20, "fine", List.of());
    RequirementShortfall fewStaff =
        new RequirementShortfall(
            CatalogRule.TOTAL_STAFF.code(), 70, 60, "at least 70 staff in all; 60 given");
    AnnualFollowUpReported short1 =
        new AnnualFollowUpReported(GRANT, START + 1, 8, 60, 50, 20, "shrank", List.of(fewStaff));
    AnnualFollowUpReported old =
        new AnnualFollowUpReported(GRANT, START + 2, 8, 60, 50, 20, "before the check");
    AnnualFollowUpReported later =
        new AnnualFollowUpReported(GRANT, START + 5, 8, 60, 50, 20, "after", List.of(fewStaff));
    fixture
        .given(with(awardedHistory("WPI"), good, short1, old, later))
        .when(
            new Commands.ScheduleEvaluationCommand(GRANT, null, EvaluationKind.INTERIM, START + 4))
        .expectEvents(new InterimEvaluationScheduled(GRANT, "WPI", START + 4))
        .expectState(
            grant -> {
              GrantView.Evaluation interim =
                  grant.view(0).evaluations().get(EvaluationKind.INTERIM);
              assertThat(interim.followUpsBelowRequirements()).containsOnlyKeys(START + 1);
              assertThat(interim.followUpsBelowRequirements().get(START + 1))
                  .containsExactly(fewStaff);
            });
  }
}
