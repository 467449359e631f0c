package jp.grants.contracts.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The per-grant hash chain of stored events, exactly as the grant-service's database computes it
 * (migration V4__event_hash_chain.sql):
 *
 * <pre>
 * hash(n) = SHA-256( previous_hash (32 zero bytes before the first event)
 *                    || event_identifier || 0x00 || aggregate_identifier || 0x00
 *                    || sequence_number (decimal) || 0x00 || time_stamp || 0x00
 *                    || payload_type || 0x00 || payload_revision (or empty) || 0x00
 *                    || SHA-256(payload) || SHA-256(meta_data, or empty) )
 * </pre>
 */
public final class ChainHash {
  public static final byte[] GENESIS = new byte[32];

  private ChainHash() {}

  public static byte[] of(
      byte[] previousHash,
      String eventIdentifier,
      String aggregateIdentifier,
      long sequenceNumber,
      String timeStamp,
      String payloadType,
      String payloadRevision,
      byte[] payload,
      byte[] metaData) {
    MessageDigest sha = sha256();
    sha.update(previousHash);
    text(sha, eventIdentifier);
    text(sha, aggregateIdentifier);
    text(sha, Long.toString(sequenceNumber));
    text(sha, timeStamp);
    text(sha, payloadType);
    text(sha, payloadRevision == null ? "" : payloadRevision);
    sha.update(sha256().digest(payload));
    sha.update(sha256().digest(metaData == null ? new byte[0] : metaData));
    return sha.digest();
  }

  private static void text(MessageDigest sha, String value) {
    sha.update(value.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
