package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant's annual follow-up report for one fiscal year: the center metrics that stage gates and
 * evaluations check.
 *
 * @param principalInvestigators number of PIs
 * @param totalStaff everyone at the center (researchers and support staff)
 * @param researchers researchers among the staff
 * @param researchersFromAbroad researchers among them who come from outside Japan
 * @param shortfalls the requirements of the grant's phase at the time that the figures do not meet:
 *     the center is flagged, not refused (docs/seed-rules.md); empty when it meets them all or its
 *     phase has none; null in events stored before the check existed
 */
@SchemaVersion(1)
public record AnnualFollowUpReported(
    UUID grantId,
    int fiscalYear,
    int principalInvestigators,
    int totalStaff,
    int researchers,
    int researchersFromAbroad,
    @Nullable String narrative,
    @Nullable List<RequirementShortfall> shortfalls)
    implements GrantEvent {

  /** A follow-up with no shortfalls recorded. */
  public AnnualFollowUpReported(
      UUID grantId,
      int fiscalYear,
      int principalInvestigators,
      int totalStaff,
      int researchers,
      int researchersFromAbroad,
      String narrative) {
    this(
        grantId,
        fiscalYear,
        principalInvestigators,
        totalStaff,
        researchers,
        researchersFromAbroad,
        narrative,
        null);
  }

  /** Whether the center's figures fell short of its phase's requirements. */
  public boolean belowRequirements() {
    return shortfalls != null && !shortfalls.isEmpty();
  }
}
