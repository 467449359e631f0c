package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import org.junit.jupiter.api.Test;

class ProgramCatalogTest {
  private final ProgramCatalog catalog = ProgramCatalog.load();

  @Test
  void listsEveryProgramOfTheDomainBrief() {
    assertThat(catalog.programs())
        .extracting(Program::code)
        .containsExactly(
            "WPI", "WPI-CORE", "WPI-MULTI", "ASPIRE", "SICORP-CONSORTIUM", "SICORP-CORE-TEAM",
            "SICORP-ACCELERATION", "SATREPS", "KAKENHI-ILR", "JSPS-OVERSEAS-FELLOWSHIP",
            "JSPS-INTERNATIONAL-FELLOWSHIP", "NEXUS", "INDIA-EXCHANGE");
  }

  @Test
  void wpiHasTheSeedFigures() {
    Program wpi = catalog.require("WPI");
    assertThat(wpi.initialPhase().annualCapYen()).isEqualTo(700_000_000L);
    assertThat(wpi.extension().annualCapYen()).isEqualTo(300_000_000L);
    assertThat(wpi.extension().maxYears()).isEqualTo(5);
    assertThat(wpi.budgetFor(2025)).contains(7_200_000_000L);
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
  void budgetsCarryForwardAndStartOnlyWhenStated() {
    Program wpi = catalog.require("WPI");
    assertThat(wpi.budgetFor(2027)).contains(7_200_000_000L);
    assertThat(wpi.budgetFor(2023)).isEmpty();
    assertThat(catalog.require("SATREPS").budgetFor(2024)).contains(1_900_000_000L);
  }

  @Test
  void anUnknownProgramIsRefusedByName() {
    assertThatThrownBy(() -> catalog.require("NOPE"))
        .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo("PROGRAM-KNOWN"));
  }

  @Test
  void aPlanOverThePhaseCapNamesTheCapAndTheFigures() {
    Program core = catalog.require("WPI-CORE");
    var plan = List.of(new FiscalYearAmount(2026, 500_000_000), new FiscalYearAmount(2027, 500_000_001));
    assertThatThrownBy(() -> Rules.checkPlan(core, core.initialPhase(), plan, 2026, 2027))
        .isInstanceOfSatisfying(RuleViolation.class, v -> {
          assertThat(v.rule()).isEqualTo(Rules.ANNUAL_CAP);
          assertThat(v.getMessage()).contains("500,000,000 yen").contains("FY2027").contains("500,000,001");
        });
  }

  @Test
  void aPlanMustCoverEveryYearOnce() {
    Program wpi = catalog.require("WPI");
    var gap = List.of(new FiscalYearAmount(2026, 1), new FiscalYearAmount(2028, 1));
    assertThatThrownBy(() -> Rules.checkPlan(wpi, wpi.initialPhase(), gap, 2026, 2028))
        .hasFieldOrPropertyWithValue("rule", Rules.PLAN_YEARS);
    var twice = List.of(new FiscalYearAmount(2026, 1), new FiscalYearAmount(2026, 1));
    assertThatThrownBy(() -> Rules.checkPlan(wpi, wpi.initialPhase(), twice, 2026, 2027))
        .hasFieldOrPropertyWithValue("rule", Rules.PLAN_YEARS);
  }

  @Test
  void sicorpFundsWithinItsBand() {
    Program sicorp = catalog.require("SICORP-CONSORTIUM");
    var low = List.of(new FiscalYearAmount(2026, 29_999_999));
    assertThatThrownBy(() -> Rules.checkPlan(sicorp, sicorp.initialPhase(), low, 2026, 2026))
        .hasFieldOrPropertyWithValue("rule", Rules.ANNUAL_FLOOR);
  }

  @Test
  void kakenhiCapsTheTotalOnly() {
    Program ilr = catalog.require("KAKENHI-ILR");
    Rules.checkTotal(ilr, 500_000_000);
    assertThatThrownBy(() -> Rules.checkTotal(ilr, 500_000_001))
        .hasFieldOrPropertyWithValue("rule", Rules.TOTAL_CAP);
  }

  @Test
  void multipleHostWpiNeedsTwoDistinctHosts() {
    Program multi = catalog.require("WPI-MULTI");
    assertThatThrownBy(() -> Rules.checkHosts(multi, List.of("Kyoto University", "Kyoto University")))
        .hasFieldOrPropertyWithValue("rule", Rules.HOSTS);
    Rules.checkHosts(multi, List.of("Kyoto University", "Osaka University"));
  }

  @Test
  void foreignShareIsComparedExactly() {
    Requirements r = new Requirements(7, 70, 30);
    assertThat(Rules.meets(r, 7, 70, 100, 30)).isTrue();
    assertThat(Rules.meets(r, 7, 70, 100, 29)).isFalse();
    assertThat(Rules.meets(r, 7, 70, 3, 1)).isTrue(); // 33%
    assertThat(Rules.meets(r, 6, 70, 100, 30)).isFalse();
  }

  @Test
  void anInvalidCatalogNamesTheEntryAndTheRule() {
    String yaml = """
        version: "x"
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
            budgets: {}
            evaluationAxes: [{code: A, mission: M, name: N}]
            committee: {minForeignMemberPercent: 0, minVotingMembers: 1, quorumPercent: 50}
            sources: [test]
        """;
    assertThatThrownBy(() -> ProgramCatalog.parse(stream(yaml)))
        .isInstanceOfSatisfying(CatalogException.class, e -> {
          assertThat(e.entry()).isEqualTo("BROKEN");
          assertThat(e.rule()).isEqualTo("GATE-PHASES");
        });
  }

  @Test
  void aMisspelledFieldIsRefusedNotIgnored() {
    String yaml = "version: x\nprograms:\n  - code: A\n    annualCap: 5\n";
    assertThatThrownBy(() -> ProgramCatalog.parse(stream(yaml)))
        .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.rule()).isEqualTo("CATALOG-SHAPE"));
  }

  private static InputStream stream(String yaml) throws IOException {
    return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
  }
}
