package jp.grants.platform.audit;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import jp.grants.contracts.audit.Checkpoint;

/**
 * What an RFC 3161 anchor sends to a timestamping authority for a checkpoint: the DER {@code
 * TimeStampReq} (version 1, the SHA-256 message imprint, no policy, no nonce, certReq true), posted
 * as {@code application/timestamp-query}. The imprint is SHA-256 over the checkpoint's signed bytes
 * followed by its signature (decoded), so the token dates the signed checkpoint as it was. No
 * client that posts it is built in: no TSA is reachable where this is built and tested.
 */
public final class Rfc3161 {
  /** DER of AlgorithmIdentifier { id-sha256 (2.16.840.1.101.3.4.2.1), NULL }. */
  private static final byte[] SHA256 = {
    0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00
  };

  private Rfc3161() {}

  /** SHA-256 of the checkpoint's signed bytes and its signature. */
  public static byte[] imprint(Checkpoint checkpoint) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(checkpoint.signed());
      return sha.digest(Base64.getDecoder().decode(checkpoint.signature()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The DER TimeStampReq for the imprint (32 bytes). */
  public static byte[] request(byte[] imprint) {
    if (imprint.length != 32) {
      throw new IllegalArgumentException("a SHA-256 imprint has 32 bytes");
    }
    ByteArrayOutputStream messageImprint = new ByteArrayOutputStream();
    messageImprint.writeBytes(SHA256);
    messageImprint.write(0x04); // OCTET STRING
    messageImprint.write(imprint.length);
    messageImprint.writeBytes(imprint);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x01}); // version INTEGER 1
    body.write(0x30);
    body.write(messageImprint.size());
    body.writeBytes(messageImprint.toByteArray());
    body.writeBytes(new byte[] {0x01, 0x01, (byte) 0xff}); // certReq BOOLEAN TRUE
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(0x30);
    request.write(body.size());
    request.writeBytes(body.toByteArray());
    return request.toByteArray();
  }
}
