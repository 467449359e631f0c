package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * A WPI Academy center's annual report of a fiscal year: the lighter report of a center without
 * program money (its principal investigators and researchers, and what it did for the network).
 */
@SchemaVersion(1)
public record AcademyReportSubmitted(
    UUID grantId, int fiscalYear, int principalInvestigators, int researchers, String narrative)
    implements GrantEvent {}
