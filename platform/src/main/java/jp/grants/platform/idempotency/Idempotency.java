package jp.grants.platform.idempotency;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import jp.grants.platform.problem.Problem;

/**
 * The one {@code Idempotency-Key} of the three services
 * (draft-ietf-httpapi-idempotency-key-header): its header, its grammar, its two refusals and the
 * fingerprint of a request.
 *
 * <p><b>Grammar</b>: 1 to 200 visible ASCII characters ({@code [\x21-\x7E]{1,200}}). It is the
 * widest of the grammars the services had (the ledger's and the HTTP layer's), so every key a
 * client sends today is still accepted: grant-service's stricter {@code [A-Za-z0-9._:-]{8,200}} is
 * a subset of it, while narrowing the ledger's would refuse keys its clients may send (base64 with
 * {@code + / =}, short keys). The limit of 200 is the width of the stored column; a UUID or a ULID
 * fits.
 *
 * <p><b>Refusals</b>: a key that is sent but unusable (empty, repeated, outside the grammar), or
 * missing where an operation needs one, is a 400 {@value #INVALID_RULE}, before anything is done. A
 * key used before by the same caller with a different request is a 422 {@code
 * IDEMPOTENCY-KEY-REUSED} ({@link PlatformRule#IDEMPOTENCY_KEY_REUSED}; the draft's answer for a
 * reused key; both services already answered it with 422), nothing done.
 */
public final class Idempotency {
  /** The request header. */
  public static final String HEADER = "Idempotency-Key";

  /** The answer header of a replay: the first answer, given again; nothing was done again. */
  public static final String REPLAYED = "Idempotent-Replayed";

  /** The key grammar, as a Java and an ECMA-262 regular expression (the OpenAPI pattern). */
  public static final String GRAMMAR = "^[\\x21-\\x7E]{1,200}$";

  /** What {@link #GRAMMAR} says, in words. */
  public static final String GRAMMAR_IN_WORDS = "1 to 200 visible ASCII characters (0x21-0x7E)";

  /** A key missing where one is needed, empty, repeated or outside the grammar: 400. */
  public static final String INVALID_RULE = "IDEMPOTENCY-KEY-INVALID";

  private static final Pattern KEY = Pattern.compile(GRAMMAR);

  private Idempotency() {}

  /** Whether the value is a key ({@link #GRAMMAR}). */
  public static boolean wellFormed(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  /**
   * The 400 for a key that is missing ({@code key} null), empty, repeated or malformed.
   *
   * @param reason {@code required}, {@code repeated} or {@code malformed}
   */
  public static Problem invalid(String reason, String path) {
    return Problem.ofRule(
            400,
            "Bad Request",
            INVALID_RULE,
            HEADER
                + " must be sent once, as "
                + GRAMMAR_IN_WORDS
                + ("required".equals(reason) ? "; this operation needs one" : ""))
        .withErrors(List.of(new Problem.FieldError(HEADER, reason)))
        .at(path);
  }

  /** The 400 for a request of an operation that needs a key, or null when the key is usable. */
  public static Response refuseUnlessWellFormed(String key, String path) {
    if (wellFormed(key)) {
      return null;
    }
    return invalid(key == null ? "required" : "malformed", path).toResponse();
  }

  /** The 422 for a key used before by the same caller with a different request. */
  public static Problem reused(String key, String path) {
    return Problem.ofRule(
            PlatformRule.IDEMPOTENCY_KEY_REUSED,
            HEADER
                + " "
                + key
                + " was used before with a different request; use a new key for a new request")
        .at(path);
  }

  /**
   * The fingerprint of a request (SHA-256, 64 hex digits): a retry with the same key must have the
   * same one. {@code operation} names what the request does and to what, and ends with a separator
   * that cannot occur in it, so that no two (operation, body) pairs are read alike: grant-service
   * and review-service use the request line and a NUL ({@code "POST /api/v1/grants\0"}), the
   * ledger's engine {@code "DISBURSEMENT:<grant>:"}, its reports and settlements the operation and
   * a line feed. Kept so the fingerprints stored before this class keep matching their retries.
   */
  public static String fingerprint(String operation, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(operation.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint of an HTTP request: its request line, a NUL and its body. */
  public static String fingerprintOfRequest(String requestLine, byte[] body) {
    return fingerprint(requestLine + '\0', body);
  }
}
