package jp.grants.contracts.grant;

import jp.grants.contracts.Minimum;

/**
 * The size of a research center, in the terms of the programs' requirements (WPI: at least 7 PIs,
 * 70 staff and 30 % of the researchers from abroad).
 *
 * @param principalInvestigators principal investigators (PIs)
 * @param totalStaff everyone at the center (researchers and support staff)
 * @param researchers researchers among the staff
 * @param researchersFromAbroad researchers among them who come from outside Japan
 */
public record CenterFigures(
    @Minimum(0) int principalInvestigators,
    @Minimum(0) int totalStaff,
    @Minimum(0) int researchers,
    @Minimum(0) int researchersFromAbroad) {
  public CenterFigures {
    if (principalInvestigators < 0
        || totalStaff < 0
        || researchers < 0
        || researchersFromAbroad < 0) {
      throw new IllegalArgumentException("center figures are never negative");
    }
  }
}
