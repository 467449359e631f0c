package jp.grants.contracts.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * A service signed a checkpoint of its checkpoint log (grant-service: every grant's event chain;
 * review-service: every grant's decision chain): the Merkle root over every grant's chain head and
 * the root of the checkpoint log up to it (see {@link Checkpoint} for the exact bytes signed). An
 * auditor who keeps these can later prove that no grant's history was truncated or rewritten, and
 * that the service did not rewrite its checkpoint log.
 *
 * @param logId the checkpoint log's id (one per service: {@code UUID.nameUUIDFromBytes("jp.grants
 *     <service> checkpoint log")}); the record key
 */
@SchemaVersion(1)
public record CheckpointSigned(
    UUID logId,
    long index,
    String timestamp,
    long treeSize,
    String rootHash,
    long logSize,
    String logRoot,
    String keyId,
    String signature,
    @Nullable String anchor)
    implements AuditEvent {

  /** The checkpoint log's id: the subject and key of the record. */
  @Override
  @JsonIgnore
  public UUID grantId() {
    return logId;
  }

  public Checkpoint checkpoint() {
    return new Checkpoint(
        index, timestamp, treeSize, rootHash, logSize, logRoot, keyId, signature, anchor);
  }

  public static CheckpointSigned of(UUID logId, Checkpoint c) {
    return new CheckpointSigned(
        logId,
        c.index(),
        c.timestamp(),
        c.treeSize(),
        c.rootHash(),
        c.logSize(),
        c.logRoot(),
        c.keyId(),
        c.signature(),
        c.anchor());
  }
}
