package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The suspended grant was resumed (再開) from {@code effectiveDate}, back in {@code toStatus}, after
 * {@code suspendedDays} days; its term and its money are unchanged.
 */
@SchemaVersion(1)
public record GrantResumed(
    UUID grantId, LocalDate effectiveDate, int suspendedDays, String toStatus, String reason)
    implements GrantEvent {}
