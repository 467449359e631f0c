package jp.grants.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;
import jp.grants.contracts.audit.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the checkpoint key comes from, and what stops the start. */
class CheckpointKeysTest {
  @TempDir Path dir;

  record Settings(
      Optional<String> signingKey,
      Optional<String> publicKey,
      Optional<Path> keyFile,
      boolean generateKey,
      String anchor)
      implements CheckpointSettings {
    @Override
    public Duration interval() {
      return Duration.ZERO;
    }

    @Override
    public Optional<String> tsaUrl() {
      return Optional.empty();
    }
  }

  private static CheckpointKeys load(CheckpointSettings settings) {
    CheckpointKeys keys = new CheckpointKeys();
    keys.settings = settings;
    keys.load();
    return keys;
  }

  private static KeyPair pair() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void shouldGenerateAMissingKeyFileOnceAndReadItAfterwards() {
    Path file = dir.resolve("keys/checkpoint.pem");
    Settings settings =
        new Settings(Optional.empty(), Optional.empty(), Optional.of(file), true, "none");
    CheckpointKeys first = load(settings);
    assertThat(file).isRegularFile();
    CheckpointKeys second = load(settings);
    assertThat(second.keyId()).isEqualTo(first.keyId());
    byte[] message = "m".getBytes();
    assertThat(Signatures.verify(second.publicKey(), message, first.sign(message))).isTrue();
  }

  @Test
  void shouldNotStartWithoutAKeyWhereGeneratingIsOff() {
    Path file = dir.resolve("absent.pem");
    assertThatThrownBy(
            () ->
                load(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.of(file), false, "none")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not exist");
    assertThat(file).doesNotExist();
    assertThatThrownBy(
            () ->
                load(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.empty(), true, "none")))
        .hasMessageContaining("no checkpoint signing key");
  }

  @Test
  void shouldTakeTheKeyFromConfigurationAndRefuseAPublicKeyOfAnotherPair() throws Exception {
    KeyPair pair = pair();
    CheckpointKeys keys =
        load(
            new Settings(
                Optional.of(Signatures.privatePem(pair.getPrivate())),
                Optional.of(Signatures.publicPem(pair.getPublic())),
                Optional.of(dir.resolve("unused.pem")),
                false,
                "none"));
    assertThat(keys.keyId()).isEqualTo(Signatures.keyId(pair.getPublic()));
    assertThat(Files.exists(dir.resolve("unused.pem"))).isFalse();
    assertThatThrownBy(
            () ->
                load(
                    new Settings(
                        Optional.of(Signatures.privatePem(pair.getPrivate())),
                        Optional.of(Signatures.publicPem(pair().getPublic())),
                        Optional.empty(),
                        false,
                        "none")))
        .hasMessageContaining("does not match");
  }

  @Test
  void shouldKeepNoReceiptByDefaultAndRefuseAnAnchorItCannotReach() {
    Anchors anchors = new Anchors();
    assertThat(
            anchors
                .anchor(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.empty(), false, "none"))
                .anchor(null))
        .isEmpty();
    assertThatThrownBy(
            () ->
                anchors.anchor(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.empty(), false, "rfc3161")))
        .hasMessageContaining("no RFC 3161 client");
    assertThatThrownBy(
            () ->
                anchors.anchor(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.empty(), false, "blockchain")))
        .hasMessageContaining("must be none or rfc3161");
  }
}
