package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant was suspended (中断) from {@code effectiveDate}: while suspended nothing is paid, no
 * disbursement is requested and no follow-up reported; it may be resumed or terminated. {@code
 * fromStatus} is the status it resumes to (ACTIVE or WINDING_DOWN).
 */
@SchemaVersion(1)
public record GrantSuspended(
    UUID grantId, LocalDate effectiveDate, String fromStatus, String reason)
    implements GrantEvent {}
