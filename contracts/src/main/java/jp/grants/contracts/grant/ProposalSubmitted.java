package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * An applicant submitted a proposal to a program.
 *
 * @param applicantId the authenticated subject who submitted it (never taken from a request body)
 * @param hostInstitutions the host institution(s); Multiple Host WPI needs two or more
 * @param requestedPlan the amounts requested per fiscal year, within the program's caps
 * @param plannedFigures the center's planned size (PIs, staff, researchers, from abroad), which a
 *     program whose initial phase has requirements checks at award; null where none was stated
 *     (events stored before the field existed, or programs without requirements)
 */
@SchemaVersion(1)
public record ProposalSubmitted(
    UUID grantId,
    String programCode,
    String title,
    @Nullable String summary,
    String applicantId,
    Investigator principalInvestigator,
    List<String> hostInstitutions,
    int startFiscalYear,
    int durationYears,
    List<FiscalYearAmount> requestedPlan,
    @Nullable CenterFigures plannedFigures)
    implements GrantEvent {

  /** A proposal that states no planned figures. */
  public ProposalSubmitted(
      UUID grantId,
      String programCode,
      String title,
      String summary,
      String applicantId,
      Investigator principalInvestigator,
      List<String> hostInstitutions,
      int startFiscalYear,
      int durationYears,
      List<FiscalYearAmount> requestedPlan) {
    this(
        grantId,
        programCode,
        title,
        summary,
        applicantId,
        principalInvestigator,
        hostInstitutions,
        startFiscalYear,
        durationYears,
        requestedPlan,
        null);
  }
}
