package jp.grants.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  @Test
  void shouldAcceptEveryKeyEitherServiceAcceptedBefore() {
    Pattern grant = Pattern.compile("[A-Za-z0-9._:-]{8,200}");
    Pattern ledger = Pattern.compile("[\\x21-\\x7E]{1,200}");
    for (String key :
        List.of(
            "0b9e5a4c-6f0e-4c1a-9a57-3f5c2b8d7e10",
            "screen-1:a.b_c",
            "k",
            "k-1",
            "dGVzdA+/=",
            "k".repeat(200))) {
      assertThat(grant.matcher(key).matches() || ledger.matcher(key).matches()).as(key).isTrue();
      assertThat(Idempotency.wellFormed(key)).as(key).isTrue();
    }
  }

  @Test
  void shouldRefuseEmptyLongSpacedAndNonAsciiKeys() {
    for (String key : List.of("", "k".repeat(201), "has space", "cl\u00e9", "tab\tkey", "\u0000")) {
      assertThat(Idempotency.wellFormed(key)).as(key).isFalse();
    }
    assertThat(Idempotency.wellFormed(null)).isFalse();
  }

  @Test
  void shouldNameOneRuleForEachRefusal() {
    assertThat(Idempotency.invalid("malformed", "/p").status()).isEqualTo(400);
    assertThat(Idempotency.invalid("malformed", "/p").rule()).isEqualTo("IDEMPOTENCY-KEY-INVALID");
    assertThat(Idempotency.invalid("required", "/p").errors()).hasSize(1);
    assertThat(Idempotency.refuseUnlessWellFormed(null, "/p").getStatus()).isEqualTo(400);
    assertThat(Idempotency.refuseUnlessWellFormed("ok-key", "/p")).isNull();
    assertThat(Idempotency.reused("k", "/p").status()).isEqualTo(422);
    assertThat(Idempotency.reused("k", "/p").rule()).isEqualTo("IDEMPOTENCY-KEY-REUSED");
  }

  @Test
  void shouldFingerprintAsTheServicesDidSoStoredKeysKeepMatching() throws Exception {
    byte[] body = "{\"eligible\":true}".getBytes(StandardCharsets.UTF_8);
    // grant-service: SHA-256 of the request line, a NUL byte and the body
    MessageDigest grant = MessageDigest.getInstance("SHA-256");
    grant.update("POST /api/v1/grants/x/screening".getBytes(StandardCharsets.UTF_8));
    grant.update((byte) 0);
    grant.update(body);
    assertThat(Idempotency.fingerprintOfRequest("POST /api/v1/grants/x/screening", body))
        .isEqualTo(HexFormat.of().formatHex(grant.digest()));
    // the ledger: SHA-256 of "operation:grant:" and the body
    MessageDigest ledger = MessageDigest.getInstance("SHA-256");
    ledger.update("REFUND:g:".getBytes(StandardCharsets.UTF_8));
    assertThat(Idempotency.fingerprint("REFUND:g:", body))
        .isEqualTo(HexFormat.of().formatHex(ledger.digest(body)))
        .hasSize(64);
  }
}
