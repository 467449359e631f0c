package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.ReviewKind;
import org.junit.jupiter.api.Test;

/** The decision rules both review-service and grant-service apply. */
class DecisionsTest {
  private final ProgramCatalog catalog = ProgramCatalog.load();

  private static List<FiscalYearAmount> plan(int first, int years, long amount) {
    List<FiscalYearAmount> plan = new ArrayList<>();
    for (int i = 0; i < years; i++) {
      plan.add(new FiscalYearAmount(first + i, amount));
    }
    return plan;
  }

  private static String ruleOf(Runnable decision) {
    try {
      decision.run();
      return null;
    } catch (RuleViolation v) {
      return v.rule();
    }
  }

  @Test
  void aWpiCoreAwardAboveTheCapBeforeStepUpIsAStepUpWithoutAGate() {
    Program core = catalog.require("WPI-CORE");
    List<FiscalYearAmount> over = plan(2024, 10, 500_000_000L);
    over.set(0, new FiscalYearAmount(2024, 600_000_000L));
    assertThat(ruleOf(() -> Decisions.checkAward(core, over, 2024, 2033))).isEqualTo(Rules.STEP_UP_REQUIRES_PASSED_GATE);
    assertThatCode(() -> Decisions.checkAward(core, plan(2024, 10, 500_000_000L), 2024, 2033)).doesNotThrowAnyException();
    // Beyond even the step-up cap it is plainly over the annual cap.
    over.set(0, new FiscalYearAmount(2024, 800_000_000L));
    assertThat(ruleOf(() -> Decisions.checkAward(core, over, 2024, 2033))).isEqualTo(Rules.ANNUAL_CAP);
  }

  @Test
  void anAwardCoversEveryYearOnceAndKeepsTheTotalCap() {
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThat(ruleOf(() -> Decisions.checkAward(ilr, plan(2024, 6, 50_000_000L), 2024, 2030)))
        .isEqualTo(Rules.PLAN_YEARS);
    assertThat(ruleOf(() -> Decisions.checkAward(ilr, plan(2024, 7, 80_000_000L), 2024, 2030)))
        .isEqualTo(Rules.TOTAL_CAP); // 560 million over a 500 million total
  }

  @Test
  void aPassedGateAllowsTheTargetPhasesCapAfterTheGateYear() {
    Program core = catalog.require("WPI-CORE");
    assertThatCode(() -> Decisions.checkStageGatePass(core, "STEP-UP", plan(2029, 5, 700_000_000L), 2028, 2033))
        .doesNotThrowAnyException();
    assertThat(ruleOf(() -> Decisions.checkStageGatePass(core, "STEP-UP", plan(2028, 6, 700_000_000L), 2028, 2033)))
        .isEqualTo(Rules.PLAN_YEARS);
  }

  @Test
  void aFailedWpiCoreGateWindsDownByTheEndOfTheFollowingYear() {
    Program core = catalog.require("WPI-CORE");
    StageGate gate = core.gateFrom("INITIAL").orElseThrow();
    assertThatCode(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2026)).doesNotThrowAnyException();
    assertThatCode(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2025)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2030))
        .isInstanceOfSatisfying(RuleViolation.class, v -> {
          assertThat(v.rule()).isEqualTo(Decisions.WIND_DOWN_END);
          assertThat(v.getMessage()).contains("FY2026").contains("FY2030");
        });
  }

  @Test
  void wpisInterimEvaluationFallsInYearFiveAndAnExtensionNeedsAnS() {
    Program wpi = catalog.require("WPI");
    assertThatCode(() -> Decisions.checkInterimYear(wpi, 2024, 2028)).doesNotThrowAnyException();
    assertThat(ruleOf(() -> Decisions.checkInterimYear(wpi, 2024, 2026))).isEqualTo(Decisions.INTERIM_EVALUATION_YEAR);
    assertThatCode(() -> Decisions.checkExtensionGrade(wpi, "S")).doesNotThrowAnyException();
    for (String grade : List.of("A", "B", "C")) {
      assertThat(ruleOf(() -> Decisions.checkExtensionGrade(wpi, grade))).isEqualTo(Decisions.EXTENSION_GRADE);
    }
    // Programs that name no year or grade take any.
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThatCode(() -> Decisions.checkInterimYear(ilr, 2024, 2026)).doesNotThrowAnyException();
    assertThatCode(() -> Decisions.checkExtensionGrade(ilr, "C")).doesNotThrowAnyException();
  }

  @Test
  void aDirectDecisionWhereTheCommitteeDecidesIsRefusedAndOneFromAReviewIsTaken() {
    Program wpi = catalog.require("WPI");
    RuleViolation refused = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> Decisions.checkDecider(wpi, ReviewKind.SELECTION, null, "the committee met"), RuleViolation.class);
    assertThat(refused.rule()).isEqualTo(Decisions.DECISION_BY_COMMITTEE);
    assertThat(refused.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
    assertThat(refused.getMessage()).contains("review-service").contains("committee");
    assertThat(ruleOf(() -> Decisions.checkDecider(catalog.require("WPI-CORE"), ReviewKind.STAGE_GATE, null, "x")))
        .isEqualTo(Decisions.DECISION_BY_COMMITTEE);
    assertThat(ruleOf(() -> Decisions.checkDecider(catalog.require("KAKENHI-ILR"), ReviewKind.SELECTION, null, "x")))
        .isEqualTo(Decisions.DECISION_BY_COMMITTEE);
    assertThatCode(() -> Decisions.checkDecider(wpi, ReviewKind.SELECTION, java.util.UUID.randomUUID(), null))
        .doesNotThrowAnyException();
  }

  @Test
  void aDirectDecisionWhereAnOfficerMayTakeItNeedsAReason() {
    Program aspire = catalog.require("ASPIRE");
    for (String blank : java.util.Arrays.asList(null, "", "  ")) {
      RuleViolation refused = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> Decisions.checkDecider(aspire, ReviewKind.SELECTION, null, blank), RuleViolation.class);
      assertThat(refused.rule()).isEqualTo(Decisions.DIRECT_DECISION_REASON);
      assertThat(refused.kind()).isEqualTo(RuleViolation.Kind.UNPROCESSABLE);
    }
    assertThatCode(() -> Decisions.checkDecider(aspire, ReviewKind.FINAL_EVALUATION, null, "JST's evaluation panel"))
        .doesNotThrowAnyException();
    assertThat(ruleOf(() -> Decisions.checkDecider(catalog.require("KAKENHI-ILR"), ReviewKind.INTERIM_EVALUATION,
        null, "JSPS's evaluation"))).isNull();
  }
}
