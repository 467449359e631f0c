package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.RequirementShortfall;
import org.junit.jupiter.api.Test;

/** The seeds' thresholds as named rules: exactly at each limit passes, one below is a shortfall. */
class RequirementsTest {
  private final ProgramCatalog catalog = ProgramCatalog.load();

  /** WPI and Multiple Host WPI (S003), WPI CORE after step-up (S000/S001). */
  private final Requirements wpi = new Requirements(7, 70, 30);

  private static List<String> rules(List<RequirementShortfall> shortfalls) {
    return shortfalls.stream().map(RequirementShortfall::rule).toList();
  }

  @Test
  void aCenterExactlyAtEveryLimitMeetsThem() {
    assertThat(wpi.shortfalls(new CenterFigures(7, 70, 70, 21))).isEmpty();
  }

  @Test
  void onePrincipalInvestigatorTooFewIsAShortfallWithBothFigures() {
    assertThat(wpi.shortfalls(new CenterFigures(6, 70, 70, 21)))
        .containsExactly(
            new RequirementShortfall(
                CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
                7,
                6,
                "at least 7 principal investigators; 6 given"));
  }

  @Test
  void oneStaffTooFewIsAShortfallWithBothFigures() {
    assertThat(wpi.shortfalls(new CenterFigures(7, 69, 69, 21)))
        .containsExactly(
            new RequirementShortfall(
                CatalogRule.TOTAL_STAFF.code(), 70, 69, "at least 70 staff in all; 69 given"));
  }

  @Test
  void oneResearcherFromAbroadTooFewIsAShortfallCountedInResearchers() {
    // 21 of 70 is 30 %; 20 of 70 is not. The figure required is the count, rounded up.
    assertThat(wpi.shortfalls(new CenterFigures(7, 70, 70, 20)))
        .containsExactly(
            new RequirementShortfall(
                CatalogRule.FOREIGN_RESEARCHERS.code(),
                21,
                20,
                "at least 30% of the researchers from abroad: 21 of 70; 20 given"));
  }

  @Test
  void theShareIsComparedInWholeNumbersWithoutRounding() {
    // 30 of 100 is exactly 30 %; 29 is not; 1 of 3 (33.3 %) is above; 3 of 11 (27.3 %) below, 4 of
    // 11 above.
    assertThat(wpi.shortfalls(new CenterFigures(7, 100, 100, 30))).isEmpty();
    assertThat(rules(wpi.shortfalls(new CenterFigures(7, 100, 100, 29))))
        .containsExactly(CatalogRule.FOREIGN_RESEARCHERS.code());
    assertThat(wpi.shortfalls(new CenterFigures(7, 70, 3, 1))).isEmpty();
    assertThat(wpi.foreignResearchersNeeded(11)).isEqualTo(4);
    assertThat(rules(wpi.shortfalls(new CenterFigures(7, 70, 11, 3))))
        .containsExactly(CatalogRule.FOREIGN_RESEARCHERS.code());
    assertThat(wpi.shortfalls(new CenterFigures(7, 70, 11, 4))).isEmpty();
    // Figures far beyond int's percent range do not overflow.
    assertThat(
            wpi.shortfalls(
                new CenterFigures(7, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)))
        .isEmpty();
  }

  @Test
  void everyRequirementMissedIsListedInOrder() {
    assertThat(rules(wpi.shortfalls(new CenterFigures(0, 0, 0, 0))))
        .containsExactly(
            CatalogRule.PRINCIPAL_INVESTIGATORS.code(), CatalogRule.TOTAL_STAFF.code());
    assertThat(rules(wpi.shortfalls(new CenterFigures(1, 10, 10, 0))))
        .containsExactly(
            CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
            CatalogRule.TOTAL_STAFF.code(),
            CatalogRule.FOREIGN_RESEARCHERS.code());
  }

  @Test
  void noRequirementsMeansNoShortfall() {
    assertThat(Requirements.NONE.shortfalls(new CenterFigures(0, 0, 10, 0))).isEmpty();
  }

  @Test
  void theCatalogCarriesTheSeedsThresholds() {
    assertThat(catalog.require("WPI").initialPhase().requirements())
        .isEqualTo(new Requirements(7, 70, 30));
    assertThat(catalog.require("WPI-MULTI").initialPhase().requirements())
        .isEqualTo(new Requirements(7, 70, 30));
    Program core = catalog.require("WPI-CORE");
    assertThat(core.initialPhase().requirements()).isEqualTo(new Requirements(5, 50, 30));
    assertThat(core.phase("STEP-UP").orElseThrow().requirements())
        .isEqualTo(new Requirements(7, 70, 30));
    assertThat(catalog.require("ASPIRE").initialPhase().requirementsOrNone().isNone()).isTrue();
  }

  @Test
  void wpiCoreBeforeStepUpAsksFivePisFiftyStaffAndThirtyPercent() {
    Requirements initial = catalog.require("WPI-CORE").initialPhase().requirements();
    assertThat(initial.shortfalls(new CenterFigures(5, 50, 40, 12))).isEmpty();
    assertThat(rules(initial.shortfalls(new CenterFigures(4, 50, 40, 12))))
        .containsExactly(CatalogRule.PRINCIPAL_INVESTIGATORS.code());
    assertThat(rules(initial.shortfalls(new CenterFigures(5, 49, 40, 12))))
        .containsExactly(CatalogRule.TOTAL_STAFF.code());
    assertThat(rules(initial.shortfalls(new CenterFigures(5, 50, 40, 11))))
        .containsExactly(CatalogRule.FOREIGN_RESEARCHERS.code());
  }
}
