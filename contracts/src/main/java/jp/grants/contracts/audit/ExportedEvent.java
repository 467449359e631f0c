package jp.grants.contracts.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One line of an audit export (NDJSON): a stored event with everything needed to recompute its hash
 * offline. {@code payload} and {@code metaData} are the stored bytes in Base64, byte for byte;
 * {@code data} is the same payload parsed, for people to read (it does not enter the hash).
 *
 * @param type the published event type name (e.g. {@code jp.grants.grant.GrantAwarded})
 * @param previousHash lower-case hex of the previous event's hash (zeros for the first)
 * @param hash lower-case hex of this event's hash
 */
public record ExportedEvent(
    String grantId,
    long sequence,
    String eventId,
    String type,
    String payloadType,
    String payloadRevision,
    String timestamp,
    String payload,
    String metaData,
    JsonNode data,
    String previousHash,
    String hash) {

  /** Recomputes this line's hash from its own fields and the given previous hash. */
  public byte[] recompute(byte[] previous) {
    return ChainHash.of(
        previous,
        eventId,
        grantId,
        sequence,
        timestamp,
        payloadType,
        payloadRevision,
        Base64.getDecoder().decode(payload),
        metaData == null ? null : Base64.getDecoder().decode(metaData));
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
