package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.rule.Rule;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;

/** The decision rules both review-service and grant-service apply. */
class DecisionsTest {
  /**
   * A center of the size WPI asks after step-up: 7 PIs, 70 staff, 15 of 50 researchers from abroad.
   */
  private static final CenterFigures STEP_UP_SIZED = new CenterFigures(7, 70, 50, 15);

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
      return v.ruleName();
    }
  }

  @Test
  void aWpiCoreAwardAboveTheCapBeforeStepUpIsAStepUpWithoutAGate() {
    Program core = catalog.require("WPI-CORE");
    List<FiscalYearAmount> over = plan(2024, 10, 500_000_000L);
    over.set(0, new FiscalYearAmount(2024, 600_000_000L));
    assertThat(ruleOf(() -> Decisions.checkAward(core, STEP_UP_SIZED, over, 2024, 2033)))
        .isEqualTo(CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.code());
    assertThatCode(
            () ->
                Decisions.checkAward(core, STEP_UP_SIZED, plan(2024, 10, 500_000_000L), 2024, 2033))
        .doesNotThrowAnyException();
    // Beyond even the step-up cap it is plainly over the annual cap.
    over.set(0, new FiscalYearAmount(2024, 800_000_000L));
    assertThat(ruleOf(() -> Decisions.checkAward(core, STEP_UP_SIZED, over, 2024, 2033)))
        .isEqualTo(CatalogRule.ANNUAL_CAP.code());
  }

  @Test
  void anAwardCoversEveryYearOnceAndKeepsTheTotalCap() {
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThat(
            ruleOf(() -> Decisions.checkAward(ilr, null, plan(2024, 6, 50_000_000L), 2024, 2030)))
        .isEqualTo(CatalogRule.PLAN_YEARS.code());
    assertThat(
            ruleOf(() -> Decisions.checkAward(ilr, null, plan(2024, 7, 80_000_000L), 2024, 2030)))
        .isEqualTo(CatalogRule.TOTAL_CAP.code()); // 560 million over a 500 million total
  }

  @Test
  void aPassedGateAllowsTheTargetPhasesCapAfterTheGateYear() {
    Program core = catalog.require("WPI-CORE");
    assertThatCode(
            () ->
                Decisions.checkStageGatePass(
                    core, "STEP-UP", plan(2029, 5, 700_000_000L), 2028, 2033))
        .doesNotThrowAnyException();
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkStageGatePass(
                        core, "STEP-UP", plan(2028, 6, 700_000_000L), 2028, 2033)))
        .isEqualTo(CatalogRule.PLAN_YEARS.code());
  }

  @Test
  void aWpiCoreGatePassesOnlyOnALatestFollowUpThatMeetsTheStepUpRequirements() {
    Program core = catalog.require("WPI-CORE");
    assertThatCode(
            () ->
                Decisions.checkStageGateReadiness(
                    core, "STEP-UP", 2029, new FollowUpFigures(2028, STEP_UP_SIZED)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Decisions.checkStageGateReadiness(core, "STEP-UP", 2029, null))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.ruleName()).isEqualTo(CatalogRule.STAGE_GATE_NEEDS_FOLLOW_UP.code());
              assertThat(v.kind()).isEqualTo(Rule.Kind.CONFLICT);
              assertThat(v.getMessage()).contains("up to FY2029");
            });
    assertThatThrownBy(
            () ->
                Decisions.checkStageGateReadiness(
                    core, "STEP-UP", 2029, new FollowUpFigures(2028, 6, 80, 60, 30)))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.ruleName()).isEqualTo(CatalogRule.STAGE_GATE_REQUIREMENTS.code());
              assertThat(v.kind()).isEqualTo(Rule.Kind.CONFLICT);
              assertThat(v.getMessage())
                  .contains("7 PIs")
                  .contains("the FY2028 follow-up reports 6 PIs");
            });
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkStageGateReadiness(
                        core, "STEP-UP", 2029, new FollowUpFigures(2028, 8, 80, 50, 14))))
        .isEqualTo(CatalogRule.STAGE_GATE_REQUIREMENTS.code()); // 14 of 50 from abroad: under 30 %
  }

  @Test
  void aFailedWpiCoreGateWindsDownByTheEndOfTheFollowingYear() {
    Program core = catalog.require("WPI-CORE");
    StageGate gate = core.gateFrom("INITIAL").orElseThrow();
    assertThatCode(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2026))
        .doesNotThrowAnyException();
    assertThatCode(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2025))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Decisions.checkWindDownEnd(core, gate, 2025, 2033, 2030))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.ruleName()).isEqualTo(CatalogRule.WIND_DOWN_END.code());
              assertThat(v.getMessage()).contains("FY2026").contains("FY2030");
            });
  }

  @Test
  void wpisInterimEvaluationFallsInYearFiveAndAnExtensionNeedsAnS() {
    Program wpi = catalog.require("WPI");
    assertThatCode(() -> Decisions.checkInterimYear(wpi, 2024, 2028)).doesNotThrowAnyException();
    assertThat(ruleOf(() -> Decisions.checkInterimYear(wpi, 2024, 2026)))
        .isEqualTo(CatalogRule.INTERIM_EVALUATION_YEAR.code());
    assertThatCode(() -> Decisions.checkExtensionGrade(wpi, "S")).doesNotThrowAnyException();
    for (String grade : List.of("A", "B", "C")) {
      assertThat(ruleOf(() -> Decisions.checkExtensionGrade(wpi, grade)))
          .isEqualTo(CatalogRule.EXTENSION_GRADE.code());
    }
    // Programs that name no year or grade take any.
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThatCode(() -> Decisions.checkInterimYear(ilr, 2024, 2026)).doesNotThrowAnyException();
    assertThatCode(() -> Decisions.checkExtensionGrade(ilr, "C")).doesNotThrowAnyException();
  }

  @Test
  void aDirectDecisionWhereTheCommitteeDecidesIsRefusedAndOneFromAReviewIsTaken() {
    Program wpi = catalog.require("WPI");
    RuleViolation refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> Decisions.checkDecider(wpi, ReviewKind.SELECTION, null, "the committee met"),
            RuleViolation.class);
    assertThat(refused.ruleName()).isEqualTo(CatalogRule.DECISION_BY_COMMITTEE.code());
    assertThat(refused.kind()).isEqualTo(Rule.Kind.CONFLICT);
    assertThat(refused.getMessage()).contains("review-service").contains("committee");
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkDecider(
                        catalog.require("WPI-CORE"), ReviewKind.STAGE_GATE, null, "x")))
        .isEqualTo(CatalogRule.DECISION_BY_COMMITTEE.code());
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkDecider(
                        catalog.require("KAKENHI-ILR"), ReviewKind.SELECTION, null, "x")))
        .isEqualTo(CatalogRule.DECISION_BY_COMMITTEE.code());
    assertThatCode(
            () ->
                Decisions.checkDecider(
                    wpi, ReviewKind.SELECTION, java.util.UUID.randomUUID(), null))
        .doesNotThrowAnyException();
  }

  @Test
  void aDirectDecisionWhereAnOfficerMayTakeItNeedsAReason() {
    Program aspire = catalog.require("ASPIRE");
    for (String blank : java.util.Arrays.asList(null, "", "  ")) {
      RuleViolation refused =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              () -> Decisions.checkDecider(aspire, ReviewKind.SELECTION, null, blank),
              RuleViolation.class);
      assertThat(refused.ruleName()).isEqualTo(CatalogRule.DIRECT_DECISION_REASON.code());
      assertThat(refused.kind()).isEqualTo(Rule.Kind.UNPROCESSABLE);
    }
    assertThatCode(
            () ->
                Decisions.checkDecider(
                    aspire, ReviewKind.FINAL_EVALUATION, null, "JST's evaluation panel"))
        .doesNotThrowAnyException();
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkDecider(
                        catalog.require("KAKENHI-ILR"),
                        ReviewKind.INTERIM_EVALUATION,
                        null,
                        "JSPS's evaluation")))
        .isNull();
  }

  @Test
  void aWpiAwardNeedsPlannedFiguresThatMeetTheCallsRequirements() {
    for (String code : List.of("WPI", "WPI-MULTI")) {
      Program wpi = catalog.require(code);
      List<FiscalYearAmount> money = plan(2026, 10, 700_000_000L);
      assertThatCode(
              () -> Decisions.checkAward(wpi, new CenterFigures(7, 70, 60, 18), money, 2026, 2035))
          .doesNotThrowAnyException();
      assertThat(
              ruleOf(
                  () ->
                      Decisions.checkAward(
                          wpi, new CenterFigures(6, 70, 60, 18), money, 2026, 2035)))
          .isEqualTo(CatalogRule.PRINCIPAL_INVESTIGATORS.code());
      assertThat(
              ruleOf(
                  () ->
                      Decisions.checkAward(
                          wpi, new CenterFigures(7, 69, 60, 18), money, 2026, 2035)))
          .isEqualTo(CatalogRule.TOTAL_STAFF.code());
      assertThat(
              ruleOf(
                  () ->
                      Decisions.checkAward(
                          wpi, new CenterFigures(7, 70, 60, 17), money, 2026, 2035)))
          .isEqualTo(CatalogRule.FOREIGN_RESEARCHERS.code());
      assertThat(ruleOf(() -> Decisions.checkAward(wpi, null, money, 2026, 2035)))
          .isEqualTo(CatalogRule.PLANNED_FIGURES.code());
    }
  }

  @Test
  void aRefusedAwardSaysWhatIsRequiredAndWhatIsPlanned() {
    Program wpi = catalog.require("WPI");
    assertThatThrownBy(
            () -> Decisions.checkAwardRequirements(wpi, new CenterFigures(6, 60, 60, 18)))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.kind()).isEqualTo(Rule.Kind.UNPROCESSABLE);
              assertThat(v.ruleName()).isEqualTo(CatalogRule.PRINCIPAL_INVESTIGATORS.code());
              assertThat(v.getMessage())
                  .contains("at least 7 principal investigators; 6 given")
                  .contains("at least 70 staff in all; 60 given");
            });
  }

  @Test
  void aWpiCoreAwardIsJudgedByTheRequirementsBeforeStepUp() {
    Program core = catalog.require("WPI-CORE");
    List<FiscalYearAmount> money = plan(2026, 10, 500_000_000L);
    assertThatCode(
            () -> Decisions.checkAward(core, new CenterFigures(5, 50, 40, 12), money, 2026, 2035))
        .doesNotThrowAnyException();
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkAward(
                        core, new CenterFigures(4, 50, 40, 12), money, 2026, 2035)))
        .isEqualTo(CatalogRule.PRINCIPAL_INVESTIGATORS.code());
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkAward(
                        core, new CenterFigures(5, 49, 40, 12), money, 2026, 2035)))
        .isEqualTo(CatalogRule.TOTAL_STAFF.code());
    assertThat(
            ruleOf(
                () ->
                    Decisions.checkAward(
                        core, new CenterFigures(5, 50, 40, 11), money, 2026, 2035)))
        .isEqualTo(CatalogRule.FOREIGN_RESEARCHERS.code());
  }

  @Test
  void programsWithoutRequirementsNeedNoPlannedFigures() {
    Program aspire = catalog.require("ASPIRE");
    assertThatCode(
            () -> Decisions.checkAward(aspire, null, plan(2026, 5, 100_000_000L), 2026, 2030))
        .doesNotThrowAnyException();
  }

  @Test
  void aFollowUpIsMeasuredAgainstTheGrantsCurrentPhase() {
    Program core = catalog.require("WPI-CORE");
    CenterFigures sixPis = new CenterFigures(6, 60, 50, 15);
    assertThat(Decisions.followUpShortfalls(core, "INITIAL", sixPis)).isEmpty();
    assertThat(Decisions.followUpShortfalls(core, "STEP-UP", sixPis))
        .extracting(s -> s.rule())
        .containsExactly(
            CatalogRule.PRINCIPAL_INVESTIGATORS.code(), CatalogRule.TOTAL_STAFF.code());
    // The extension phase names no requirements of its own.
    assertThat(
            Decisions.followUpShortfalls(
                catalog.require("WPI"), "EXTENSION", new CenterFigures(1, 1, 1, 0)))
        .isEmpty();
  }

  @Test
  void versionsPublishedBeforeDecidersLetAProgramOfficerRecordEveryDecision() {
    Program old = CatalogRegistry.shipped().version("2026.12.2").orElseThrow().require("WPI");
    assertThat(old.deciders()).isNull();
    assertThat(old.decider(ReviewKind.SELECTION)).isEqualTo(Decider.OFFICER_OR_COMMITTEE);
    assertThat(catalog.require("WPI").decider(ReviewKind.SELECTION)).isEqualTo(Decider.COMMITTEE);
    assertThat(Decisions.predatesDeciders("2026.12.2")).isTrue();
    assertThat(Decisions.predatesDeciders("2026.11.9")).isTrue();
    assertThat(Decisions.predatesDeciders("2026.12.3")).isFalse();
    assertThat(Decisions.predatesDeciders("2027.1.1")).isFalse();
    assertThat(Decisions.predatesDeciders("2099.1.1")).isFalse();
  }
}
