package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger refused a disbursement; recorded in the grant's own history as the ledger answered.
 *
 * @param capLevel the cap that would have been exceeded, or null when another rule refused it
 * @param headroomYen what was left under that cap
 */
@SchemaVersion(1)
public record DisbursementRejected(
    UUID grantId,
    UUID disbursementId,
    int fiscalYear,
    long amountYen,
    String rule,
    @Nullable CapLevel capLevel,
    long headroomYen,
    String reason)
    implements GrantEvent {}
