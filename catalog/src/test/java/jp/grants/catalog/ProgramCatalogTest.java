package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;

class ProgramCatalogTest {
  private final ProgramCatalog catalog = ProgramCatalog.load();

  @Test
  void listsEveryProgramOfTheDomainBrief() {
    assertThat(catalog.programs())
        .extracting(Program::code)
        .containsExactly(
            "WPI",
            "WPI-CORE",
            "WPI-MULTI",
            "ASPIRE",
            "SICORP-CONSORTIUM",
            "SICORP-CORE-TEAM",
            "SICORP-ACCELERATION",
            "SATREPS",
            "KAKENHI-ILR",
            "JSPS-OVERSEAS-FELLOWSHIP",
            "JSPS-INTERNATIONAL-FELLOWSHIP",
            "NEXUS",
            "INDIA-EXCHANGE");
  }

  @Test
  void wpiHasTheSeedFigures() {
    Program wpi = catalog.require("WPI");
    assertThat(wpi.initialPhase().annualCapYen()).isEqualTo(700_000_000L);
    assertThat(wpi.extension().annualCapYen()).isEqualTo(300_000_000L);
    assertThat(wpi.extension().maxYears()).isEqualTo(5);
    assertThat(catalog.poolOf(wpi).budgetFor(2025)).contains(7_200_000_000L);
    assertThat(wpi.isEligible(ExpenseCategory.RESEARCH_PROJECT)).isFalse();
    assertThat(wpi.evaluationAxes()).hasSize(8);
    assertThat(wpi.committee().minForeignMemberPercent()).isEqualTo(50);
  }

  @Test
  void wpiCoreStepsUpThroughItsStageGate() {
    Program core = catalog.require("WPI-CORE");
    assertThat(core.initialPhase().annualCapYen()).isEqualTo(500_000_000L);
    StageGate gate = core.gateFrom("INITIAL").orElseThrow();
    assertThat(gate.toPhase()).isEqualTo("STEP-UP");
    assertThat(gate.latestYear()).isEqualTo(5);
    assertThat(core.phase("STEP-UP").orElseThrow().annualCapYen()).isEqualTo(700_000_000L);
    assertThat(core.extension().annualCapYen()).isEqualTo(300_000_000L); // as WPI: an assumption
  }

  @Test
  void yearlyBudgetsCarryForwardAndStartOnlyWhenStated() {
    BudgetPool wpi = catalog.poolOf(catalog.require("WPI"));
    assertThat(wpi.kind()).isEqualTo(BudgetPool.Kind.YEARLY);
    assertThat(wpi.budgetFor(2027)).contains(7_200_000_000L);
    assertThat(wpi.budgetFor(2023)).isEmpty();
    assertThat(wpi.carryOverNeedsApproval()).isTrue();
    assertThat(catalog.poolOf(catalog.require("SATREPS")).budgetFor(2024)).contains(1_900_000_000L);
    assertThat(catalog.programsIn("WPI"))
        .extracting(Program::code)
        .containsExactly("WPI", "WPI-CORE", "WPI-MULTI");
  }

  @Test
  void fundsHaveOneTotalOverTheirTermSharedByTheirPrograms() {
    BudgetPool jst = catalog.poolOf(catalog.require("ASPIRE"));
    assertThat(jst).isSameAs(catalog.poolOf(catalog.require("NEXUS")));
    assertThat(jst.kind()).isEqualTo(BudgetPool.Kind.FUND);
    assertThat(jst.totalYen()).isEqualTo(44_000_000_000L + 100_000_000L + 14_600_000_000L);
    assertThat(jst.budgetFor(2024)).isEmpty();
    assertThat(jst.covers(2022)).isTrue();
    assertThat(jst.covers(2021)).isFalse();
    assertThat(jst.carryOverNeedsApproval()).isFalse();
    // The ASPIRE budget of the seeds adds up: JST 44,000 + AMED 6,050 million yen (S001).
    BudgetPool amed = catalog.findPool("ASPIRE-AMED").orElseThrow();
    assertThat(jst.contributions().get(0).amountYen() + amed.totalYen()).isEqualTo(50_050_000_000L);
    assertThat(catalog.programsIn("ASPIRE-AMED")).isEmpty();
    assertThat(catalog.poolOf(catalog.require("KAKENHI-ILR")).totalYen())
        .isEqualTo(11_000_000_000L);
  }

  @Test
  void indirectCostsTransfersAndChargesAreRoundedDownToWholeYen() {
    Program wpi = catalog.require("WPI");
    assertThat(wpi.indirectCosts().on(47_000)).isEqualTo(14_100);
    assertThat(wpi.indirectCosts().on(33)).isEqualTo(9); // 9.9 rounds down
    assertThat(catalog.require("JSPS-OVERSEAS-FELLOWSHIP").indirectCosts().on(1_000_000)).isZero();
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThat(ilr.indirectCosts().outsideDirectCaps()).isTrue();
    assertThat(ilr.expenseTransfers().freeLimitYen(100_000_000)).isEqualTo(50_000_000);
    assertThat(ilr.expenseTransfers().freeLimitYen(4_000_000)).isEqualTo(3_000_000);
    // 10.95 % a year: 1,000,000 yen held 365 days owes 109,500 yen, 100 days 30,000.
    assertThat(wpi.refunds().chargeOn(1_000_000, 365)).isEqualTo(109_500);
    assertThat(wpi.refunds().chargeOn(1_000_000, 100)).isEqualTo(30_000);
    assertThat(wpi.refunds().chargeOn(1_000_000, 1)).isEqualTo(300); // 300.0
    assertThat(wpi.refunds().chargeOn(999, 1)).isZero(); // 0.2997 rounds down
    assertThat(catalog.require("SICORP-CONSORTIUM").refunds().chargeOn(1_000_000, 365)).isZero();
  }

  @Test
  void anUnknownProgramIsRefusedByName() {
    assertThatThrownBy(() -> catalog.require("NOPE"))
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.ruleName()).isEqualTo("PROGRAM-KNOWN"));
  }

  @Test
  void aPlanOverThePhaseCapNamesTheCapAndTheFigures() {
    Program core = catalog.require("WPI-CORE");
    var plan =
        List.of(new FiscalYearAmount(2026, 500_000_000), new FiscalYearAmount(2027, 500_000_001));
    assertThatThrownBy(() -> Rules.checkPlan(core, core.initialPhase(), plan, 2026, 2027))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.ruleName()).isEqualTo(CatalogRule.ANNUAL_CAP.code());
              assertThat(v.getMessage())
                  .contains("500,000,000 yen")
                  .contains("FY2027")
                  .contains("500,000,001");
            });
  }

  @Test
  void aPlanMustCoverEveryYearOnce() {
    Program wpi = catalog.require("WPI");
    var gap = List.of(new FiscalYearAmount(2026, 1), new FiscalYearAmount(2028, 1));
    assertThatThrownBy(() -> Rules.checkPlan(wpi, wpi.initialPhase(), gap, 2026, 2028))
        .hasFieldOrPropertyWithValue("rule", CatalogRule.PLAN_YEARS);
    var twice = List.of(new FiscalYearAmount(2026, 1), new FiscalYearAmount(2026, 1));
    assertThatThrownBy(() -> Rules.checkPlan(wpi, wpi.initialPhase(), twice, 2026, 2027))
        .hasFieldOrPropertyWithValue("rule", CatalogRule.PLAN_YEARS);
  }

  @Test
  void sicorpFundsWithinItsBand() {
    Program sicorp = catalog.require("SICORP-CONSORTIUM");
    var low = List.of(new FiscalYearAmount(2026, 29_999_999));
    assertThatThrownBy(() -> Rules.checkPlan(sicorp, sicorp.initialPhase(), low, 2026, 2026))
        .hasFieldOrPropertyWithValue("rule", CatalogRule.ANNUAL_FLOOR);
  }

  @Test
  void kakenhiCapsTheTotalOnly() {
    Program ilr = catalog.require("KAKENHI-ILR");
    Rules.checkTotal(ilr, 500_000_000);
    assertThatThrownBy(() -> Rules.checkTotal(ilr, 500_000_001))
        .hasFieldOrPropertyWithValue("rule", CatalogRule.TOTAL_CAP);
  }

  @Test
  void multipleHostWpiNeedsTwoDistinctHosts() {
    Program multi = catalog.require("WPI-MULTI");
    assertThatThrownBy(
            () -> Rules.checkHosts(multi, List.of("Kyoto University", "Kyoto University")))
        .hasFieldOrPropertyWithValue("rule", CatalogRule.HOSTS);
    Rules.checkHosts(multi, List.of("Kyoto University", "Osaka University"));
  }

  @Test
  void kakenhiIlrsCommitteeIncludesAMemberFromOutsideJapan() {
    // 海外レフェリーを含む審査チーム (S001, S003): at least one of up to 100 voting members.
    Committee ilr = catalog.require("KAKENHI-ILR").committee();
    assertThat(ilr.minForeignMemberPercent()).isEqualTo(1);
    assertThat(catalog.require("ASPIRE").committee().minForeignMemberPercent()).isZero();
  }

  @Test
  void anInvalidCatalogNamesTheEntryAndTheRule() {
    String yaml =
        """
        version: "x"
        budgetPools:
          - {code: BROKEN, name: Broken, kind: YEARLY, budgets: {}, sources: [test]}
        programs:
          - code: BROKEN
            name: Broken
            agency: JST
            grantKind: PROJECT
            duration: {minYears: 1, maxYears: 2}
            phases: [{code: MAIN, name: Main, annualCapYen: 10}]
            stageGates: [{fromPhase: MAIN, toPhase: NOWHERE, latestYear: 1}]
            hosts: {min: 1, max: 1}
            eligibleExpenses: [TRAVEL]
            budgetPool: BROKEN
            indirectCosts: {ratePercent: 0, outsideDirectCaps: true, source: t}
            expenseTransfers: {freePercent: 50, freeFloorYen: 0, source: t}
            refunds: {additionalChargeBasisPointsPerYear: 0, source: t}
            evaluationAxes: [{code: A, mission: M, name: N}]
            committee: {minForeignMemberPercent: 0, minVotingMembers: 1, quorumPercent: 50}
            sources: [test]
        """;
    assertThatThrownBy(() -> ProgramCatalog.parse(stream(yaml)))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.entry()).isEqualTo("BROKEN");
              assertThat(e.rule()).isEqualTo("GATE-PHASES");
            });
  }

  private static String oneProgram(String stageGates, String deciders) {
    return """
        version: "x"
        budgetPools:
          - {code: POOL, name: Pool, kind: YEARLY, budgets: {}, sources: [test]}
        programs:
          - code: ONE
            name: One
            agency: JST
            grantKind: PROJECT
            duration: {minYears: 1, maxYears: 2}
            phases: [{code: MAIN, name: Main, annualCapYen: 10}, {code: NEXT, name: Next, annualCapYen: 20}]
            stageGates: %s
            hosts: {min: 1, max: 1}
            eligibleExpenses: [TRAVEL]
            budgetPool: POOL
            indirectCosts: {ratePercent: 0, outsideDirectCaps: true, source: t}
            expenseTransfers: {freePercent: 50, freeFloorYen: 0, source: t}
            refunds: {additionalChargeBasisPointsPerYear: 0, source: t}
            evaluationAxes: [{code: A, mission: M, name: N}]
            committee: {minForeignMemberPercent: 0, minVotingMembers: 1, quorumPercent: 50}
            %s
            sources: [test]
        """
        .formatted(stageGates, deciders);
  }

  @Test
  void everyProgramSaysWhoTakesEachOfItsDecisions() {
    String all =
        "{SELECTION: COMMITTEE, INTERIM_EVALUATION: OFFICER_OR_COMMITTEE, FINAL_EVALUATION: COMMITTEE}";
    assertThatCode(() -> ProgramCatalog.parse(stream(oneProgram("[]", "deciders: " + all))))
        .doesNotThrowAnyException();
    for (String deciders :
        List.of(
            "",
            "deciders: {SELECTION: COMMITTEE, INTERIM_EVALUATION: COMMITTEE}",
            "deciders: {SELECTION: COMMITTEE, INTERIM_EVALUATION: COMMITTEE, FINAL_EVALUATION: }",
            // a stage gate decider where the program has no stage gate, or a follow-up (which
            // decides nothing)
            "deciders: {SELECTION: COMMITTEE, STAGE_GATE: COMMITTEE, INTERIM_EVALUATION: COMMITTEE, FINAL_EVALUATION: COMMITTEE}",
            "deciders: {SELECTION: COMMITTEE, FOLLOW_UP: COMMITTEE, INTERIM_EVALUATION: COMMITTEE, FINAL_EVALUATION: COMMITTEE}")) {
      assertThatThrownBy(() -> ProgramCatalog.parse(stream(oneProgram("[]", deciders))))
          .as(deciders)
          .isInstanceOfSatisfying(
              CatalogException.class,
              e -> {
                assertThat(e.entry()).isEqualTo("ONE");
                assertThat(e.rule()).isEqualTo("DECIDERS");
              });
    }
    // a program with a stage gate says who decides it too
    String gate = "[{fromPhase: MAIN, toPhase: NEXT, latestYear: 1}]";
    assertThatThrownBy(() -> ProgramCatalog.parse(stream(oneProgram(gate, "deciders: " + all))))
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.rule()).isEqualTo("DECIDERS"));
    assertThatCode(
            () ->
                ProgramCatalog.parse(
                    stream(
                        oneProgram(
                            gate,
                            "deciders: {SELECTION: COMMITTEE, STAGE_GATE: COMMITTEE, INTERIM_EVALUATION: COMMITTEE, FINAL_EVALUATION: COMMITTEE}"))))
        .doesNotThrowAnyException();
  }

  @Test
  void wpiCommitteesDecideEverythingAndKakenhiIlrsRefereesItsSelection() {
    for (String code : List.of("WPI", "WPI-CORE", "WPI-MULTI")) {
      Program wpi = catalog.require(code);
      assertThat(Decisions.kindsOf(wpi))
          .allSatisfy(kind -> assertThat(wpi.decider(kind)).isEqualTo(Decider.COMMITTEE));
    }
    assertThat(catalog.require("WPI-CORE").deciders()).containsKey(ReviewKind.STAGE_GATE);
    Program ilr = catalog.require("KAKENHI-ILR");
    assertThat(ilr.decider(ReviewKind.SELECTION)).isEqualTo(Decider.COMMITTEE);
    assertThat(ilr.decider(ReviewKind.INTERIM_EVALUATION)).isEqualTo(Decider.OFFICER_OR_COMMITTEE);
    Program aspire = catalog.require("ASPIRE");
    assertThat(Decisions.kindsOf(aspire))
        .containsExactly(
            ReviewKind.SELECTION, ReviewKind.INTERIM_EVALUATION, ReviewKind.FINAL_EVALUATION);
    assertThat(aspire.deciders().values()).containsOnly(Decider.OFFICER_OR_COMMITTEE);
    assertThat(aspire.assumptions()).anyMatch(a -> a.startsWith("Deciders:"));
  }

  @Test
  void aMisspelledFieldIsRefusedNotIgnored() {
    String yaml = "version: x\nprograms:\n  - code: A\n    annualCap: 5\n";
    assertThatThrownBy(() -> ProgramCatalog.parse(stream(yaml)))
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.rule()).isEqualTo("CATALOG-SHAPE"));
  }

  private static InputStream stream(String yaml) throws IOException {
    return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
  }
}
