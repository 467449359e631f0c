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
 * @param callId the call for proposals (公募) it was submitted to; null for a proposal outside a call
 *     (events stored before calls existed, or a program officer's entry of a proposal received
 *     otherwise)
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
    @Nullable CenterFigures plannedFigures,
    @Nullable UUID callId)
    implements GrantEvent {

  /** A proposal outside a call. */
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
      List<FiscalYearAmount> requestedPlan,
      CenterFigures plannedFigures) {
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
        plannedFigures,
        null);
  }

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
        null,
        null);
  }
}
