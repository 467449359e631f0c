package jp.grants.platform.audit;

import java.util.Optional;
import jp.grants.contracts.audit.Checkpoint;

/**
 * An anchor outside the system for each signed checkpoint, e.g. an RFC 3161 timestamping authority
 * that countersigns the SHA-256 of the checkpoint's signed bytes and signature: with it, even
 * whoever holds the service's signing key cannot back-date a rewritten checkpoint log. Chosen by
 * {@code grants.audit.checkpoint.anchor}; off ({@code none}) by default.
 */
public interface CheckpointAnchor {
  /**
   * The anchor's receipt for the checkpoint (Base64, e.g. a DER TimeStampToken), stored and
   * published with it; empty if this anchor keeps none. Called after signing, before storing: a
   * failure stops the checkpoint (nothing is stored unanchored when an anchor is configured).
   */
  Optional<String> anchor(Checkpoint signed);
}
