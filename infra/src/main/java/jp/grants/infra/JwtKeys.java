package jp.grants.infra;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A signing key pair made fresh for a test run or a local run, never committed: the services verify
 * tokens with the public key, and {@link #token} signs tokens with the private one.
 */
public final class JwtKeys {
  public static final String ISSUER = "https://auth.grants.local";
  public static final String AUDIENCE = "grants-platform";
  private static final String SHARED = "jp.grants.infra.jwt-keys";

  private final Path publicKey;
  private final PrivateKey privateKey;

  private JwtKeys(Path publicKey, PrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** The key pair of this JVM, made on first use (shared across Quarkus' class loaders). */
  public static JwtKeys shared() {
    synchronized (System.class) {
      String directory = System.getProperty(SHARED);
      if (directory == null) {
        try {
          Path created = Files.createTempDirectory("grants-jwt-");
          generate(created);
          System.setProperty(SHARED, created.toString());
          directory = created.toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return load(Path.of(directory));
    }
  }

  /** Writes a new RSA key pair as PEM files {@code public.pem} and {@code private.pem}. */
  public static JwtKeys generate(Path directory) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Path privatePem = directory.resolve("private.pem");
      Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      try {
        Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      return new JwtKeys(directory.resolve("public.pem"), pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JwtKeys load(Path directory) {
    try {
      String pem = Files.readString(directory.resolve("private.pem"));
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new JwtKeys(directory.resolve("public.pem"), key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path publicKey() {
    return publicKey;
  }

  /** A signed bearer token for a subject acting in one role, valid for the given time. */
  public String token(String subject, String role, Duration validity) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .upn(subject)
        .subject(subject)
        .groups(Set.of(role))
        .expiresIn(validity)
        .sign(privateKey);
  }

  /** A token valid for an hour. */
  public String token(String subject, String role) {
    return token(subject, role, Duration.ofHours(1));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
