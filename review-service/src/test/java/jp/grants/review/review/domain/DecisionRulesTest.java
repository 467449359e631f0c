package jp.grants.review.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {
  private static final Program WPI = ProgramCatalog.load().require("WPI");
  private static final Program CORE = ProgramCatalog.load().require("WPI-CORE");
  private static final GrantTerm TERM = new GrantTerm(2025, 10);

  @Test
  void aSelectionEndsInAwardOrDeclineOnly() {
    assertThatCode(() -> DecisionRules.checkFits(ReviewKind.SELECTION, Recommendation.AWARD))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DecisionRules.checkFits(ReviewKind.SELECTION, Recommendation.PASS))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("RECOMMENDATION-FITS-KIND"))
        .hasMessageContaining("[AWARD, DECLINE]");
  }

  @Test
  void gradedReviewsCarryAGradeAndOthersNone() {
    assertThatCode(() -> DecisionRules.checkGrade(ReviewKind.INTERIM_EVALUATION, "S"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DecisionRules.checkGrade(ReviewKind.FINAL_EVALUATION, null))
        .hasMessageContaining("carries a grade");
    assertThatThrownBy(() -> DecisionRules.checkGrade(ReviewKind.STAGE_GATE, "A"))
        .hasMessageContaining("carries no grade");
  }

  /**
   * Planned figures that meet WPI's requirements (7 PIs, 70 staff, 30 % from abroad): 10, 100, 20
   * of 60.
   */
  private static final CenterFigures SIZED = new CenterFigures(10, 100, 60, 20);

  @Test
  void anAwardIsRefusedWhenThePlannedFiguresMissTheCallsRequirementsAsTheGrantWouldRefuseIt() {
    var plan = plan(2025, 10, 700_000_000L);
    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    plan,
                    new CenterFigures(7, 70, 70, 20)))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("REQUIREMENT-FOREIGN-RESEARCHERS"));
    // Without allocations too: the grant keeps the proposal's plan, the figures are still checked.
    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    List.of(),
                    new CenterFigures(6, 70, 70, 21)))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("REQUIREMENT-PRINCIPAL-INVESTIGATORS"));
    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    List.of(),
                    null))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("REQUIREMENT-PLANNED-FIGURES"));
    assertThatCode(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    List.of(),
                    new CenterFigures(7, 70, 70, 21)))
        .doesNotThrowAnyException();
    // A decline needs no figures.
    assertThatCode(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.DECLINE,
                    TERM,
                    2025,
                    null,
                    List.of(),
                    null))
        .doesNotThrowAnyException();
  }

  private static List<FiscalYearAmount> plan(int first, int years, long amount) {
    return java.util.stream.IntStream.range(0, years)
        .mapToObj(i -> new FiscalYearAmount(first + i, amount))
        .toList();
  }

  @Test
  void anAwardMayAllocateEveryGrantYearWithinTheAnnualCap() {
    assertThatCode(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    plan(2025, 10, 700_000_000L),
                    SIZED))
        .doesNotThrowAnyException();
  }

  @Test
  void anAwardThatLeavesOutYearsIsRefusedAsTheGrantWouldRefuseIt() {
    var plan =
        List.of(new FiscalYearAmount(2025, 700_000_000L), new FiscalYearAmount(2026, 650_000_000L));

    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI, ReviewKind.SELECTION, Recommendation.AWARD, TERM, 2025, null, plan, SIZED))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("PLAN-COVERS-GRANT-YEARS"));
  }

  @Test
  void anAllocationAboveTheAnnualCapIsRefused() {
    var plan = new java.util.ArrayList<>(plan(2025, 10, 700_000_000L));
    plan.set(0, new FiscalYearAmount(2025, 700_000_001L));

    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI, ReviewKind.SELECTION, Recommendation.AWARD, TERM, 2025, null, plan, SIZED))
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.ruleName()).isEqualTo("ANNUAL-CAP"))
        .hasMessageContaining("700,000,000 yen");
  }

  /** The case that once went nowhere: review DECIDED, grant refused, event dead-lettered. */
  @Test
  void aWpiCoreAwardAboveTheCapBeforeStepUpIsRefusedAtTheReview() {
    var plan = new java.util.ArrayList<>(plan(2025, 10, 500_000_000L));
    plan.set(0, new FiscalYearAmount(2025, 600_000_000L));

    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    CORE,
                    ReviewKind.SELECTION,
                    Recommendation.AWARD,
                    TERM,
                    2025,
                    null,
                    plan,
                    SIZED))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> assertThat(v.ruleName()).isEqualTo("STEP-UP-REQUIRES-PASSED-GATE"));
  }

  @Test
  void aDeclineSetsNoMoney() {
    var plan = List.of(new FiscalYearAmount(2025, 1L));

    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    WPI,
                    ReviewKind.SELECTION,
                    Recommendation.DECLINE,
                    TERM,
                    2025,
                    null,
                    plan,
                    null))
        .hasMessageContaining("only an AWARD or a PASS sets allocations");
  }

  @Test
  void aPassedStageGateAllocatesYearsAfterTheGateWithinTheTargetPhaseCap() {
    var ok = plan(2030, 5, 700_000_000L);
    var atGate = plan(2029, 6, 700_000_000L);

    assertThatCode(
            () ->
                DecisionRules.checkAllocations(
                    CORE,
                    ReviewKind.STAGE_GATE,
                    Recommendation.PASS,
                    TERM,
                    2029,
                    "STEP-UP",
                    ok,
                    null))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                DecisionRules.checkAllocations(
                    CORE,
                    ReviewKind.STAGE_GATE,
                    Recommendation.PASS,
                    TERM,
                    2029,
                    "STEP-UP",
                    atGate,
                    null))
        .hasMessageContaining("from FY2030 to FY2034");
  }
}
