package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The center lost its World Premier Status from {@code effectiveDate}, for {@code reason}: it is no
 * longer a WPI Academy center, and is a closed grant again.
 */
@SchemaVersion(1)
public record WorldPremierStatusWithdrawn(UUID grantId, LocalDate effectiveDate, String reason)
    implements GrantEvent {}
