package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.grants.contracts.grant.CenterFigures;

/** The center metrics of one annual follow-up report, with the fiscal year it reports on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowUpFigures(
    int fiscalYear,
    int principalInvestigators,
    int totalStaff,
    int researchers,
    int researchersFromAbroad) {

  public FollowUpFigures(int fiscalYear, CenterFigures figures) {
    this(
        fiscalYear,
        figures.principalInvestigators(),
        figures.totalStaff(),
        figures.researchers(),
        figures.researchersFromAbroad());
  }

  public CenterFigures centerFigures() {
    return new CenterFigures(
        principalInvestigators, totalStaff, researchers, researchersFromAbroad);
  }
}
