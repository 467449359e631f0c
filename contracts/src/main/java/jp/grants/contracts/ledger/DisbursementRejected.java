package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The ledger refused a disbursement.
 *
 * @param rule the named rule that refused it (e.g. {@code LEDGER-CAP-GRANT-FISCAL-YEAR})
 * @param capLevel the cap that would have been exceeded, or null when another rule refused it
 * @param headroomYen what was left under that cap when the request was refused
 */
@SchemaVersion(1)
public record DisbursementRejected(
    UUID grantId,
    UUID disbursementId,
    String programCode,
    int fiscalYear,
    long amountYen,
    String rule,
    @Nullable CapLevel capLevel,
    long headroomYen,
    String reason)
    implements LedgerEvent {
  @Override
  public UUID operationId() {
    return disbursementId;
  }
}
