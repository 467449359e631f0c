package jp.grants.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.Signatures;
import org.junit.jupiter.api.Test;

/** The RFC 3161 request an anchor would send, byte for byte as OpenSSL writes it. */
class Rfc3161Test {
  @Test
  void shouldWriteTheTimeStampRequestOpenSslWrites() {
    byte[] imprint = new byte[32];
    for (int i = 0; i < 32; i++) {
      imprint[i] = (byte) i;
    }
    // openssl ts -query -digest 000102…1f -sha256 -no_nonce -cert
    assertThat(HexFormat.of().formatHex(Rfc3161.request(imprint)))
        .isEqualTo(
            "30390201013031300d060960864801650304020105000420"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0101ff");
    assertThatThrownBy(() -> Rfc3161.request(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldImprintTheSignedCheckpointWithItsSignature() throws Exception {
    var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] signed = Checkpoint.signed(0, "2026-06-01T00:00:00Z", 1, "ab", 1, "cd", "k");
    String signature = Signatures.sign(key.getPrivate(), signed);
    Checkpoint checkpoint =
        new Checkpoint(0, "2026-06-01T00:00:00Z", 1, "ab", 1, "cd", "k", signature, null);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(signed);
    assertThat(Rfc3161.imprint(checkpoint))
        .isEqualTo(sha.digest(Base64.getDecoder().decode(signature)));
  }
}
