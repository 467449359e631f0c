package jp.grants.contracts.grant;

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
 */
@SchemaVersion(1)
public record AnnualFollowUpReported(
    UUID grantId,
    int fiscalYear,
    int principalInvestigators,
    int totalStaff,
    int researchers,
    int researchersFromAbroad,
    @Nullable String narrative)
    implements GrantEvent {}
