package jp.grants.catalog;

/**
 * What a center must show (in its annual follow-up) to be in a phase. Zero means no requirement.
 *
 * @param minPrincipalInvestigators world-top-level PIs
 * @param minTotalStaff everyone at the center
 * @param minForeignResearcherPercent share of researchers from abroad, in whole percent
 */
public record Requirements(
    int minPrincipalInvestigators, int minTotalStaff, int minForeignResearcherPercent) {
  public static final Requirements NONE = new Requirements(0, 0, 0);

  public boolean isNone() {
    return minPrincipalInvestigators == 0 && minTotalStaff == 0 && minForeignResearcherPercent == 0;
  }
}
