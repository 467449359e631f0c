package jp.grants.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import jp.grants.contracts.Nullable;

/**
 * A signed checkpoint of a service's checkpoint log (grant-service's, review-service's): the root
 * of the Merkle tree over every grant's chain head at one instant, and the root of the checkpoint
 * log (a second Merkle tree, of every checkpoint record from the first to this one), signed with
 * the service's Ed25519 key.
 *
 * <p>The log leaf of a checkpoint ({@link #record()}) is the UTF-8 text
 *
 * <pre>
 * grants-checkpoint-v1\n&lt;index&gt;\n&lt;timestamp&gt;\n&lt;treeSize&gt;\n&lt;rootHash&gt;\n
 * </pre>
 *
 * and the signature covers {@link #signed()}: the record followed by {@code
 * <logSize>\n<logRoot>\n<keyId>\n}. Hashes are lower-case hex, the signature Base64.
 *
 * @param index the checkpoint's position in the log, from 0; the log holds {@code index + 1}
 * @param timestamp when it was taken, ISO-8601 UTC (as text: it is signed as it stands)
 * @param treeSize how many grants' heads the tree holds
 * @param rootHash the head tree's root (the hash of the empty string for no grant)
 * @param logSize the number of checkpoint records in the log up to this one: {@code index + 1}
 * @param logRoot the root of the checkpoint log of that size
 * @param keyId which key signed: the first 16 hex digits of SHA-256 of the public key (X.509
 *     SubjectPublicKeyInfo, DER)
 * @param signature Ed25519 over {@link #signed()}, Base64
 * @param anchor an external anchor's receipt (e.g. an RFC 3161 timestamp token, Base64), if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Checkpoint(
    long index,
    String timestamp,
    long treeSize,
    String rootHash,
    long logSize,
    String logRoot,
    String keyId,
    String signature,
    @Nullable String anchor) {
  public static final String VERSION = "grants-checkpoint-v1";

  /** The bytes of this checkpoint's leaf in the checkpoint log. */
  public byte[] record() {
    return record(index, timestamp, treeSize, rootHash);
  }

  public static byte[] record(long index, String timestamp, long treeSize, String rootHash) {
    return (VERSION + "\n" + index + "\n" + timestamp + "\n" + treeSize + "\n" + rootHash + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes the signature covers. */
  public byte[] signed() {
    return signed(index, timestamp, treeSize, rootHash, logSize, logRoot, keyId);
  }

  public static byte[] signed(
      long index,
      String timestamp,
      long treeSize,
      String rootHash,
      long logSize,
      String logRoot,
      String keyId) {
    String record =
        new String(record(index, timestamp, treeSize, rootHash), StandardCharsets.UTF_8);
    return (record + logSize + "\n" + logRoot + "\n" + keyId + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The same checkpoint without its anchor receipt (what is compared between two copies). */
  public Checkpoint withoutAnchor() {
    return new Checkpoint(
        index, timestamp, treeSize, rootHash, logSize, logRoot, keyId, signature, null);
  }
}
