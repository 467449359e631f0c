package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant was ended early. Nothing may be disbursed for fiscal years after {@code
 * lastFiscalYear}; what is unspent is released back to the program.
 */
@SchemaVersion(1)
public record GrantTerminated(UUID grantId, int lastFiscalYear, String reason)
    implements GrantEvent {}
