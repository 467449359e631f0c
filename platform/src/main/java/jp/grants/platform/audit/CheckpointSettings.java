package jp.grants.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How checkpoints are taken, signed and anchored ({@code grants.audit.checkpoint.*}). */
@ConfigMapping(prefix = "grants.audit.checkpoint")
public interface CheckpointSettings {
  /** How often a checkpoint is taken (if any grant's head moved since the last); 0 = never. */
  @WithDefault("1H")
  Duration interval();

  /**
   * The Ed25519 private key (PEM, PKCS#8), e.g. from a secret as
   * GRANTS_AUDIT_CHECKPOINT_SIGNING_KEY; needs {@link #publicKey()} with it. Wins over {@link
   * #keyFile()}.
   */
  Optional<String> signingKey();

  /** The public key (PEM, X.509) of {@link #signingKey()}. */
  Optional<String> publicKey();

  /** A file holding both PEM blocks (private and public key), e.g. a mounted secret. */
  Optional<Path> keyFile();

  /**
   * Whether a missing {@link #keyFile()} is generated at start (local runs and tests). Off in
   * production: a service without a key does not start.
   */
  @WithDefault("false")
  boolean generateKey();

  /** The external anchor of every checkpoint: {@code none} (default) or {@code rfc3161}. */
  @WithDefault("none")
  String anchor();

  /** The RFC 3161 timestamping authority's URL, for {@code anchor=rfc3161}. */
  Optional<String> tsaUrl();
}
