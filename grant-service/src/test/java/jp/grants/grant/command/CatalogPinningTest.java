package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.GRANT;
import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.gateScheduled;
import static jp.grants.grant.command.GrantFixtures.hosts;
import static jp.grants.grant.command.GrantFixtures.plan;
import static jp.grants.grant.command.GrantFixtures.program;
import static jp.grants.grant.command.GrantFixtures.submit;
import static jp.grants.grant.command.GrantFixtures.submitted;
import static jp.grants.grant.command.GrantFixtures.with;
import static jp.grants.grant.command.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantCatalogMigrated;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.MigrateCatalogCommand;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalog change leaves a running grant's rules alone. Version A is the shipped 2026.12.2 (WPI
 * CORE: 500,000,000 yen a year before step-up; it names no deciders, the decisions here are the
 * committee's as they would be under any version); B is the test-only 2099.1.1 with a LOWER cap
 * (400,000,000), supplied through {@code grants.catalog.extra-versions} and made current with
 * {@code grants.catalog.current}, as a deployment of a newer catalog would.
 */
class CatalogPinningTest {
  private static final String A = "2026.12.2";
  private static final String B = "2099.1.1";
  private static final String CORE = "WPI-CORE";
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    System.setProperty(CatalogRegistry.EXTRA_PROPERTY, "classpath:jp/grants/catalog/test-versions");
    fixture = GrantFixtures.fixture();
  }

  @AfterEach
  void tearDown() {
    System.clearProperty(CatalogRegistry.EXTRA_PROPERTY);
    System.clearProperty(CatalogRegistry.CURRENT_PROPERTY);
  }

  private static void bBecomesCurrent() {
    System.setProperty(CatalogRegistry.CURRENT_PROPERTY, B);
    assertThat(CatalogRegistry.standard().current().require(CORE).initialPhase().annualCapYen())
        .isEqualTo(400_000_000L);
  }

  /**
   * A WPI CORE proposal of the given amount a year, submitted while A was current (its event names
   * A).
   */
  private static Object[] proposedUnderA(long perYear) {
    ProposalSubmitted proposal =
        submitted(submit(CORE, 10, plan(START, 10, perYear), hosts(program(CORE))));
    return new Object[] {
      new GenericDomainEventMessage<>(
          "Grant", GRANT.toString(), 0, proposal, MetaData.with(Grant.CATALOG_VERSION, A)),
      new ProposalScreened(GRANT, CORE, "ok")
    };
  }

  private static Object[] awardedUnderA(long perYear) {
    return with(
        proposedUnderA(perYear),
        new GrantAwarded(
            GRANT,
            CORE,
            "INITIAL",
            START,
            START + 9,
            plan(START, 10, perYear),
            perYear * 10,
            program(CORE).eligibleExpenses(),
            null));
  }

  @Test
  void aProposalIsPinnedToTheVersionCurrentWhenItIsSubmitted() {
    bBecomesCurrent();
    fixture
        .givenNoPriorActivity()
        .when(submit(CORE, 10, plan(START, 10, 400_000_000L), hosts(program(CORE))))
        .expectSuccessfulHandlerExecution()
        .expectState(grant -> assertThat(grant.view(0).catalogVersion()).isEqualTo(B));
    // and B's lower cap is what it is checked against
    GrantFixtures.fixture()
        .givenNoPriorActivity()
        .when(submit(CORE, 10, plan(START, 10, 500_000_000L), hosts(program(CORE))))
        .expectNoEvents()
        .expectException(
            refusedBy(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code(), "400,000,000 yen"));
  }

  @Test
  void aProposalSubmittedUnderAIsAwardedUnderAsCapsAfterBBecomesCurrent() {
    bBecomesCurrent();
    fixture
        .given(proposedUnderA(500_000_000L))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectEvents(
            new GrantAwarded(
                GRANT,
                CORE,
                "INITIAL",
                START,
                START + 9,
                plan(START, 10, 500_000_000L),
                5_000_000_000L,
                program(CORE).eligibleExpenses(),
                GrantFixtures.REVIEW))
        .expectState(grant -> assertThat(grant.view(2).catalogVersion()).isEqualTo(A));
  }

  @Test
  void aRunningGrantKeepsAsCapsAfterBBecomesCurrent() {
    bBecomesCurrent();
    // The wind-down year after a failed gate is paid within the phase's cap: A's 500,000,000, not
    // B's.
    fixture
        .given(with(awardedUnderA(400_000_000L), gateScheduled(2030)))
        .when(
            new FailStageGateCommand(
                GRANT,
                null,
                "not ready",
                2031,
                List.of(new FiscalYearAmount(2031, 450_000_000L)),
                GrantFixtures.REVIEW))
        .expectEvents(
            new StageGateFailed(
                GRANT,
                2030,
                "not ready",
                2031,
                List.of(new FiscalYearAmount(2031, 450_000_000L)),
                2_450_000_000L,
                GrantFixtures.REVIEW));
  }

  @Test
  void aMigrationEventMovesTheGrantToBsRules() {
    bBecomesCurrent();
    fixture
        .given(
            with(
                awardedUnderA(400_000_000L),
                new GrantCatalogMigrated(GRANT, CORE, A, B, "new rules"),
                gateScheduled(2030)))
        .when(
            new FailStageGateCommand(
                GRANT,
                null,
                "not ready",
                2031,
                List.of(new FiscalYearAmount(2031, 450_000_000L)),
                GrantFixtures.REVIEW))
        .expectNoEvents()
        .expectException(
            refusedBy(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code(), "400,000,000 yen"));
  }

  @Test
  void anOfficerMigratesAGrantThatKeepsTheTargetsRules() {
    fixture
        .given(awardedUnderA(400_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, B, "the 2099 rules apply to every center"))
        .expectEvents(
            new GrantCatalogMigrated(GRANT, CORE, A, B, "the 2099 rules apply to every center"))
        .expectState(grant -> assertThat(grant.view(3).catalogVersion()).isEqualTo(B));
  }

  @Test
  void aMigrationIsRefusedWhenTheGrantsPlanBreaksTheTargetsCaps() {
    fixture
        .given(awardedUnderA(500_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, B, "lower caps"))
        .expectNoEvents()
        .expectException(
            refusedBy(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code(), "400,000,000 yen"));
  }

  @Test
  void aProposalsMigrationIsCheckedAgainstTheTargetsInitialPhase() {
    fixture
        .given(proposedUnderA(500_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, B, "lower caps"))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code()));
  }

  @Test
  void aMigrationToAnUnknownOrTheSameVersionOrOfAClosedGrantIsRefused() {
    fixture
        .given(awardedUnderA(400_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, "1999.1.1", "no such"))
        .expectNoEvents()
        .expectException(refusedBy("CATALOG-VERSION-KNOWN", "1999.1.1"));
    GrantFixtures.fixture()
        .given(awardedUnderA(400_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, A, "again"))
        .expectNoEvents()
        .expectException(refusedBy(GrantRule.CATALOG_MIGRATION_SAME_VERSION.code(), A));
    GrantFixtures.fixture()
        .given(with(awardedUnderA(400_000_000L), new GrantClosed(GRANT, "done")))
        .when(new MigrateCatalogCommand(GRANT, null, B, "too late"))
        .expectNoEvents()
        .expectException(refusedBy(GrantRule.STATUS.code(), "CLOSED"));
  }

  @Test
  void aGrantWhoseHistoryRecordsNoVersionIsPinnedToTheBaseline() {
    bBecomesCurrent();
    ProposalSubmitted proposal =
        submitted(submit(CORE, 10, plan(START, 10, 500_000_000L), hosts(program(CORE))));
    fixture
        .given(proposal, new ProposalScreened(GRANT, CORE, "ok"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectSuccessfulHandlerExecution()
        .expectState(
            grant ->
                assertThat(grant.view(2).catalogVersion())
                    .isEqualTo(CatalogRegistry.standard().baselineVersion())
                    .isEqualTo(A));
  }

  @Test
  void everyEventRecordsTheVersionItWasCheckedAgainst() {
    bBecomesCurrent();
    fixture
        .given(proposedUnderA(500_000_000L))
        .when(new AwardGrantCommand(GRANT, null, List.of(), GrantFixtures.REVIEW))
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.hamcrest.Matchers.<org.axonframework.eventhandling.EventMessage<?>>hasProperty(
                    "metaData", org.hamcrest.Matchers.hasEntry(Grant.CATALOG_VERSION, (Object) A)),
                org.axonframework.test.matchers.Matchers.andNoMore()));
    GrantFixtures.fixture()
        .given(awardedUnderA(400_000_000L))
        .when(new MigrateCatalogCommand(GRANT, null, B, "moved"))
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.hamcrest.Matchers.<org.axonframework.eventhandling.EventMessage<?>>hasProperty(
                    "metaData", org.hamcrest.Matchers.hasEntry(Grant.CATALOG_VERSION, (Object) B)),
                org.axonframework.test.matchers.Matchers.andNoMore()));
  }
}
