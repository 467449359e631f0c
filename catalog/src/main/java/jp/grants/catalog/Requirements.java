package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.RequirementShortfall;

/**
 * What a center must show to be in a phase (WPI: at least 7 PIs, 70 staff and 30 % of the
 * researchers from abroad, seed S003). Zero means no requirement. Each requirement is a named rule;
 * {@link #shortfalls} is the one place they are checked: at award against the proposal's planned
 * figures ({@link Decisions#checkAward}), at a stage gate and at each annual follow-up against the
 * reported ones.
 *
 * @param minPrincipalInvestigators world-top-level PIs
 * @param minTotalStaff everyone at the center
 * @param minForeignResearcherPercent share of researchers from abroad, in whole percent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Requirements(
    int minPrincipalInvestigators, int minTotalStaff, int minForeignResearcherPercent) {
  public static final Requirements NONE = new Requirements(0, 0, 0);

  public boolean isNone() {
    return minPrincipalInvestigators == 0 && minTotalStaff == 0 && minForeignResearcherPercent == 0;
  }

  /**
   * The requirements the figures do not meet, in the order PIs, staff, researchers from abroad;
   * empty when they meet them all. The share is compared in whole numbers ({@code fromAbroad * 100
   * >= researchers * minPercent}), so 21 of 70 meets 30 % and 20 of 70 does not.
   */
  public List<RequirementShortfall> shortfalls(CenterFigures figures) {
    List<RequirementShortfall> found = new ArrayList<>();
    if (figures.principalInvestigators() < minPrincipalInvestigators) {
      found.add(
          new RequirementShortfall(
              CatalogRule.PRINCIPAL_INVESTIGATORS.code(),
              minPrincipalInvestigators,
              figures.principalInvestigators(),
              "at least "
                  + minPrincipalInvestigators
                  + " principal investigators; "
                  + figures.principalInvestigators()
                  + " given"));
    }
    if (figures.totalStaff() < minTotalStaff) {
      found.add(
          new RequirementShortfall(
              CatalogRule.TOTAL_STAFF.code(),
              minTotalStaff,
              figures.totalStaff(),
              "at least " + minTotalStaff + " staff in all; " + figures.totalStaff() + " given"));
    }
    long fromAbroad = figures.researchersFromAbroad();
    if (fromAbroad * 100 < (long) figures.researchers() * minForeignResearcherPercent) {
      int needed = foreignResearchersNeeded(figures.researchers());
      found.add(
          new RequirementShortfall(
              CatalogRule.FOREIGN_RESEARCHERS.code(),
              needed,
              figures.researchersFromAbroad(),
              "at least "
                  + minForeignResearcherPercent
                  + "% of the researchers from abroad: "
                  + needed
                  + " of "
                  + figures.researchers()
                  + "; "
                  + figures.researchersFromAbroad()
                  + " given"));
    }
    return List.copyOf(found);
  }

  /** The fewest researchers from abroad that make the share of {@code researchers}, rounded up. */
  public int foreignResearchersNeeded(int researchers) {
    return (int) (((long) researchers * minForeignResearcherPercent + 99) / 100);
  }

  /**
   * The requirements in words: "at least 7 PIs, 70 staff and 30% of the researchers from abroad".
   */
  public String describe() {
    return "at least "
        + minPrincipalInvestigators
        + " PIs, "
        + minTotalStaff
        + " staff and "
        + minForeignResearcherPercent
        + "% of the researchers from abroad";
  }

  /** The shortfalls in words, one after the other. */
  public static String describe(List<RequirementShortfall> shortfalls) {
    return String.join("; ", shortfalls.stream().map(RequirementShortfall::detail).toList());
  }
}
