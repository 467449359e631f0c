package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.GRANT;
import static jp.grants.grant.command.GrantFixtures.SIZED;
import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.awardedHistory;
import static jp.grants.grant.command.GrantFixtures.plan;
import static jp.grants.grant.command.GrantFixtures.submitted;
import static jp.grants.grant.command.GrantFixtures.validSubmit;
import static jp.grants.grant.command.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Decisions;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.InterimEvaluationCompleted;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.ProposalDeclined;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.command.Commands.ApplyReviewDecisionCommand;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A committee's decision reaches the grant wrapped: taken as its own command would be, or, when the
 * grant refuses it by a rule, recorded as CommitteeDecisionRefused (and nothing else applied). The
 * rules are the catalog's {@link Decisions}, the ones review-service checked the decision with.
 * Where the catalog's deciders name only the committee, a decision without a review is refused;
 * where a program officer may decide, a direct decision states its reason and is recorded with it.
 */
class CommitteeDecisionTest {
  private static final UUID REVIEW = UUID.fromString("00000000-0000-0000-0000-0000000feed1");
  private static final String DECISION_EVENT = "review-completed-1";
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    fixture = GrantFixtures.fixture();
  }

  /** Matches a payload of the type that satisfies the condition. */
  private static <T> org.hamcrest.Matcher<Object> payload(
      Class<T> type, java.util.function.Predicate<T> condition) {
    return new org.hamcrest.TypeSafeMatcher<>() {
      @Override
      protected boolean matchesSafely(Object item) {
        return type.isInstance(item) && condition.test(type.cast(item));
      }

      @Override
      public void describeTo(org.hamcrest.Description description) {
        description.appendText("a " + type.getSimpleName() + " as expected");
      }
    };
  }

  private static Object[] screened(String code) {
    return new Object[] {submitted(validSubmit(code)), new ProposalScreened(GRANT, code, "ok")};
  }

  private static ApplyReviewDecisionCommand decision(
      ReviewKind kind, Recommendation recommendation, Object command) {
    return new ApplyReviewDecisionCommand(
        GRANT, REVIEW, DECISION_EVENT, kind, recommendation, command);
  }

  @Test
  void shouldAwardOnTheCommitteesDecision() {
    fixture
        .given(screened("WPI"))
        .when(committeeAward())
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(ONLY_AWARDED);
  }

  private static final UUID CALL = UUID.fromString("00000000-0000-0000-0000-0000000ca111");

  /** A WPI proposal submitted to the call, screened. */
  private static Object[] screenedInCall() {
    return new Object[] {
      submitted(validSubmit("WPI"), CALL), new ProposalScreened(GRANT, "WPI", "ok")
    };
  }

  /** The committee's award of the grant with its requested plan. */
  private static ApplyReviewDecisionCommand committeeAward() {
    return decision(
        ReviewKind.SELECTION,
        Recommendation.AWARD,
        new AwardGrantCommand(GRANT, null, List.of(), REVIEW));
  }

  /** The grant awarded, and nothing else. */
  private static final org.hamcrest.Matcher<List<org.axonframework.messaging.Message<?>>>
      ONLY_AWARDED =
          org.axonframework.test.matchers.Matchers.exactSequenceOf(
              org.axonframework.test.matchers.Matchers.messageWithPayload(
                  org.hamcrest.Matchers.instanceOf(GrantAwarded.class)),
              org.axonframework.test.matchers.Matchers.andNoMore());

  @Test
  void shouldTakeTheCallsPlannedAwardWhenTheCommitteeAwards() {
    List<String> taken = new java.util.ArrayList<>();
    GrantFixtures.fixture((call, grant) -> taken.add(call + "/" + grant))
        .given(screenedInCall())
        .when(committeeAward())
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(ONLY_AWARDED);
    org.assertj.core.api.Assertions.assertThat(taken).containsExactly(CALL + "/" + GRANT);
  }

  @Test
  void shouldRecordAnAwardBeyondTheCallsPlanAsRefused() {
    GrantFixtures.fixture(
            (call, grant) -> {
              throw GrantRule.CALL_AWARDS_PLANNED.violation(
                  "call " + call + " planned 2 awards and 2 were made");
            })
        .given(screenedInCall())
        .when(committeeAward())
        .expectSuccessfulHandlerExecution()
        .expectEvents(
            new CommitteeDecisionRefused(
                GRANT,
                REVIEW,
                DECISION_EVENT,
                ReviewKind.SELECTION,
                Recommendation.AWARD,
                GrantRule.CALL_AWARDS_PLANNED.code(),
                "call " + CALL + " planned 2 awards and 2 were made"));
  }

  @Test
  void shouldNotAskACallWhenTheProposalAnsweredNone() {
    GrantFixtures.fixture(
            (call, grant) -> {
              throw new AssertionError("a grant outside a call took a call's award");
            })
        .given(screened("WPI"))
        .when(committeeAward())
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(ONLY_AWARDED);
  }

  @Test
  void shouldRecordARefusalWhenTheGrantHasMovedOnInsteadOfFailing() {
    fixture
        .given(awardedHistory("WPI"))
        .when(
            decision(
                ReviewKind.SELECTION,
                Recommendation.DECLINE,
                new DeclineProposalCommand(GRANT, null, "late", REVIEW)))
        .expectSuccessfulHandlerExecution()
        .expectEvents(
            new CommitteeDecisionRefused(
                GRANT,
                REVIEW,
                DECISION_EVENT,
                ReviewKind.SELECTION,
                Recommendation.DECLINE,
                GrantRule.STATUS.code(),
                "cannot decline a grant that is ACTIVE (allowed when [SCREENED])"));
  }

  @Test
  void shouldRecordAStageGateDecisionWithoutAScheduledGateAsRefused() {
    fixture
        .given(awardedHistory("WPI-CORE"))
        .when(
            decision(
                ReviewKind.STAGE_GATE,
                Recommendation.PASS,
                new PassStageGateCommand(GRANT, null, List.of(), REVIEW)))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(
                    payload(
                        CommitteeDecisionRefused.class,
                        refused ->
                            refused.rule().equals(GrantRule.STAGE_GATE_SCHEDULED.code())
                                && refused.reviewId().equals(REVIEW))),
                org.axonframework.test.matchers.Matchers.andNoMore()));
  }

  @Test
  void anOfficersDirectDecisionIsRefusedAsBeforeNotRecorded() {
    fixture
        .given(awardedHistory("WPI"))
        .when(new DeclineProposalCommand(GRANT, null, "late", null))
        .expectException(refusedBy(GrantRule.STATUS.code()))
        .expectNoEvents();
  }

  @Test
  void aWpiCoreAwardAboveTheCapBeforeStepUpIsRefusedByTheSameRuleAsAtTheReview() {
    Program core = ProgramCatalog.load().require("WPI-CORE");
    List<FiscalYearAmount> over = new ArrayList<>(plan(START, 10, 500_000_000L));
    over.set(0, new FiscalYearAmount(START, 600_000_000L));
    String atTheReview;
    try {
      Decisions.checkAward(core, SIZED, over, START, START + 9);
      atTheReview = null;
    } catch (jp.grants.contracts.rule.RuleViolation v) {
      atTheReview = v.ruleName();
    }
    assertThat(atTheReview).isEqualTo(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code());
    fixture
        .given(screened("WPI-CORE"))
        .when(new AwardGrantCommand(GRANT, null, over, REVIEW))
        .expectException(refusedBy(atTheReview));
  }

  @Test
  void aFailedWpiCoreGateWindsDownNoLaterThanTheCatalogSays() {
    Object[] gated =
        GrantFixtures.with(awardedHistory("WPI-CORE"), GrantFixtures.gateScheduled(START + 2));
    fixture
        .given(gated)
        .when(new FailStageGateCommand(GRANT, null, "not ready", START + 6, List.of(), REVIEW))
        .expectException(refusedBy(CatalogRule.WIND_DOWN_END.code(), "FY" + (START + 3)));
    fixture
        .given(gated)
        .when(new FailStageGateCommand(GRANT, null, "not ready", null, List.of(), REVIEW))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(
                    payload(StageGateFailed.class, failed -> failed.endFiscalYear() == START + 3)),
                org.axonframework.test.matchers.Matchers.andNoMore()));
  }

  // ---- who decides (catalog deciders, Decisions.checkDecider)
  // ------------------------------------

  private static Object[] interimScheduled(String code, int fiscalYear) {
    return GrantFixtures.with(
        awardedHistory(code), new InterimEvaluationScheduled(GRANT, code, fiscalYear));
  }

  @Test
  void aDirectDecisionWhereOnlyTheCommitteeDecidesIsRefusedBeforeAnythingIsApplied() {
    fixture
        .given(GrantFixtures.underCurrentCatalog(screened("WPI")))
        .when(new AwardGrantCommand(GRANT, null, List.of(), null, "the committee met on 1 June"))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code(), "review-service"))
        .expectNoEvents();
    fixture
        .given(GrantFixtures.underCurrentCatalog(screened("WPI-MULTI")))
        .when(new DeclineProposalCommand(GRANT, null, "not selected", null))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code()))
        .expectNoEvents();
    fixture
        .given(GrantFixtures.underCurrentCatalog(screened("KAKENHI-ILR")))
        .when(new AwardGrantCommand(GRANT, null, List.of(), null, "referees agreed"))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code()))
        .expectNoEvents();
    Object[] gated =
        GrantFixtures.underCurrentCatalog(
            GrantFixtures.with(
                awardedHistory("WPI-CORE"),
                GrantFixtures.followUp(START, 7, 70, 50, 15),
                GrantFixtures.gateScheduled(START + 2)));
    fixture
        .given(gated)
        .when(new PassStageGateCommand(GRANT, null, List.of(), null, "ready"))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code()))
        .expectNoEvents();
    fixture
        .given(gated)
        .when(new FailStageGateCommand(GRANT, null, "not ready", null, List.of(), null))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code()))
        .expectNoEvents();
    fixture
        .given(GrantFixtures.underCurrentCatalog(interimScheduled("WPI", START + 4)))
        .when(
            new CompleteEvaluationCommand(
                GRANT, null, EvaluationKind.INTERIM, "S", "excellent", null))
        .expectException(refusedBy(CatalogRule.DECISION_BY_COMMITTEE.code()))
        .expectNoEvents();
  }

  @Test
  void theSameDecisionsAreTakenFromTheCommitteesReview() {
    fixture
        .given(screened("KAKENHI-ILR"))
        .when(
            decision(
                ReviewKind.SELECTION,
                Recommendation.AWARD,
                new AwardGrantCommand(GRANT, null, List.of(), REVIEW)))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(
                    payload(
                        GrantAwarded.class,
                        awarded -> REVIEW.equals(awarded.reviewId()) && awarded.reason() == null)),
                org.axonframework.test.matchers.Matchers.andNoMore()));
    fixture
        .given(
            GrantFixtures.with(
                awardedHistory("WPI-CORE"),
                GrantFixtures.followUp(START, 7, 70, 50, 15),
                GrantFixtures.gateScheduled(START + 2)))
        .when(
            decision(
                ReviewKind.STAGE_GATE,
                Recommendation.PASS,
                new PassStageGateCommand(GRANT, null, List.of(), REVIEW)))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(
                    payload(StageGatePassed.class, passed -> REVIEW.equals(passed.reviewId()))),
                org.axonframework.test.matchers.Matchers.andNoMore()));
    fixture
        .given(interimScheduled("WPI", START + 4))
        .when(
            decision(
                ReviewKind.INTERIM_EVALUATION,
                Recommendation.AWARD,
                new CompleteEvaluationCommand(
                    GRANT, null, EvaluationKind.INTERIM, "S", "excellent", REVIEW)))
        .expectSuccessfulHandlerExecution()
        .expectEvents(new InterimEvaluationCompleted(GRANT, START + 4, "S", "excellent", REVIEW));
  }

  @Test
  void anOfficersDirectDecisionWhereTheCatalogAllowsOneNeedsAReason() {
    fixture
        .given(screened("ASPIRE"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), null))
        .expectException(refusedBy(CatalogRule.DIRECT_DECISION_REASON.code()))
        .expectNoEvents();
    fixture
        .given(screened("ASPIRE"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), null, "  "))
        .expectException(refusedBy(CatalogRule.DIRECT_DECISION_REASON.code()))
        .expectNoEvents();
    fixture
        .given(interimScheduled("KAKENHI-ILR", START + 3))
        .when(new CompleteEvaluationCommand(GRANT, null, EvaluationKind.INTERIM, "A", null, null))
        .expectException(refusedBy(CatalogRule.DIRECT_DECISION_REASON.code()))
        .expectNoEvents();
  }

  @Test
  void anOfficersDirectDecisionIsRecordedAsSuchWithItsReason() {
    String reason = "JST's evaluation panel selected it on 3 March";
    fixture
        .given(screened("ASPIRE"))
        .when(new AwardGrantCommand(GRANT, null, List.of(), null, reason))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(
                    payload(
                        GrantAwarded.class,
                        awarded -> awarded.reviewId() == null && reason.equals(awarded.reason()))),
                org.axonframework.test.matchers.Matchers.andNoMore()));
    fixture
        .given(screened("SATREPS"))
        .when(new DeclineProposalCommand(GRANT, null, "JICA did not agree", null))
        .expectEvents(new ProposalDeclined(GRANT, "JICA did not agree", null));
    fixture
        .given(interimScheduled("KAKENHI-ILR", START + 3))
        .when(
            new CompleteEvaluationCommand(
                GRANT, null, EvaluationKind.INTERIM, "A", "JSPS's interim evaluation", null))
        .expectEvents(
            new InterimEvaluationCompleted(
                GRANT, START + 3, "A", "JSPS's interim evaluation", null));
  }
}
