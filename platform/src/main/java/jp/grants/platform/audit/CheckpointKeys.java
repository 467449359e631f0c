package jp.grants.platform.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import jp.grants.contracts.audit.Signatures;
import org.jboss.logging.Logger;

/**
 * The checkpoint signing key: from configuration (a secret), from a key file, or generated into the
 * key file for local runs and tests. Checked at start ({@link CheckpointScheduler}) by signing and
 * verifying once, so a private key that does not belong to the public key stops the service instead
 * of signing unverifiable checkpoints.
 */
@ApplicationScoped // a client proxy: loaded on first use, never in a service without chains
public class CheckpointKeys {
  private static final Logger LOG = Logger.getLogger(CheckpointKeys.class);

  @Inject CheckpointSettings settings;

  private PrivateKey privateKey;
  private PublicKey publicKey;
  private String keyId;

  @PostConstruct
  void load() {
    if (settings.signingKey().isPresent()) {
      privateKey = Signatures.privateKey(settings.signingKey().get());
      publicKey =
          Signatures.publicKey(
              settings
                  .publicKey()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "grants.audit.checkpoint.signing-key needs grants.audit.checkpoint.public-key")));
    } else {
      Path file =
          settings
              .keyFile()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no checkpoint signing key: set grants.audit.checkpoint.signing-key and"
                              + " public-key, or key-file (see README, Checkpoints)"));
      String pem = Files.isReadable(file) ? read(file) : generate(file);
      privateKey = Signatures.privateKey(pem);
      publicKey = Signatures.publicKey(pem);
    }
    byte[] probe = "grants-checkpoint-key-check".getBytes(StandardCharsets.UTF_8);
    if (!Signatures.verify(publicKey, probe, Signatures.sign(privateKey, probe))) {
      throw new IllegalStateException("the checkpoint private key does not match the public key");
    }
    keyId = Signatures.keyId(publicKey);
  }

  private String generate(Path file) {
    if (!settings.generateKey()) {
      throw new IllegalStateException(
          "checkpoint key file "
              + file
              + " does not exist (grants.audit.checkpoint.generate-key is off)");
    }
    try {
      KeyPair pair = KeyPairGenerator.getInstance(Signatures.ALGORITHM).generateKeyPair();
      String pem =
          Signatures.privatePem(pair.getPrivate()) + Signatures.publicPem(pair.getPublic());
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, pem);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the directory's permissions
      }
      LOG.infof("generated a checkpoint signing key in %s", file.toAbsolutePath());
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint key " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint key " + file, e);
    }
  }

  public String sign(byte[] message) {
    return Signatures.sign(privateKey, message);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }
}
