package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant completed and was closed out; no more money moves.
 *
 * @param finalAmountYen the final amount of direct costs as the ledger settled it (額の確定); absent
 *     when no money was ever paid, and in events recorded before settlements
 */
@SchemaVersion(1)
public record GrantClosed(UUID grantId, @Nullable String note, @Nullable Long finalAmountYen)
    implements GrantEvent {
  /** A closure without a settled amount (no money was paid). */
  public GrantClosed(UUID grantId, String note) {
    this(grantId, note, null);
  }
}
