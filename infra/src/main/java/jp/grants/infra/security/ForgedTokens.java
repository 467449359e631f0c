package jp.grants.infra.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import jp.grants.infra.JwtKeys;

/**
 * Tokens an attacker or a misconfigured identity provider could present: each differs from a good
 * token in exactly one way, so a test that sees it refused knows which check refused it.
 */
public final class ForgedTokens {
  private ForgedTokens() {}

  /**
   * A good token, built here the same way as the forged ones (so the forgeries differ only where
   * they say).
   */
  public static String good(String subject, String role) {
    return claims(subject, role).sign(testKey());
  }

  public static String wrongIssuer(String subject, String role) {
    return claims(subject, role).issuer("https://evil.example").sign(testKey());
  }

  public static String wrongAudience(String subject, String role) {
    return claims(subject, role).audience("another-platform").sign(testKey());
  }

  public static String expired(String subject, String role) {
    long now = Instant.now().getEpochSecond();
    return claims(subject, role).issuedAt(now - 7_200).expiresAt(now - 3_600).sign(testKey());
  }

  /** Valid for longer than the services accept (12 hours from issue to expiry). */
  public static String livesTooLong(String subject, String role) {
    long now = Instant.now().getEpochSecond();
    return claims(subject, role).issuedAt(now).expiresAt(now + 13 * 3_600).sign(testKey());
  }

  public static String signedByAnotherKey(String subject, String role) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return claims(subject, role).sign(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The good token's payload with {@code alg: none} and no signature. */
  public static String unsigned(String subject, String role) {
    String payload = good(subject, role).split("\\.")[1];
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
  }

  /** Key confusion: HS256 with the service's public key (PEM text) as the shared secret. */
  public static String hmacWithThePublicKey(String subject, String role) {
    try {
      String pem = Files.readString(JwtKeys.shared().publicKey());
      return claims(subject, role)
          .jws()
          .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
          .signWithSecret(pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A good token whose payload was edited after signing (another role). */
  public static String tampered(String subject, String role, String claimedRole) {
    String[] parts = good(subject, role).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"" + role + "\"", "\"" + claimedRole + "\"");
    return parts[0] + "." + base64Url(payload) + "." + parts[2];
  }

  /** Properly signed, but with no role at all. */
  public static String withoutRole(String subject) {
    return Jwt.issuer(JwtKeys.ISSUER)
        .audience(JwtKeys.AUDIENCE)
        .subject(subject)
        .upn(subject)
        .expiresIn(600)
        .sign(testKey());
  }

  private static JwtClaimsBuilder claims(String subject, String role) {
    return Jwt.issuer(JwtKeys.ISSUER)
        .audience(JwtKeys.AUDIENCE)
        .subject(subject)
        .upn(subject)
        .groups(Set.of(role))
        .expiresIn(600);
  }

  /** The private half of the test key pair the service under test trusts (never committed). */
  private static PrivateKey testKey() {
    try {
      String pem = Files.readString(JwtKeys.shared().publicKey().resolveSibling("private.pem"));
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
