package jp.grants.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.Signatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tamper case of issue 18, each caught by the verifier run as its own process (a JVM of its
 * own, its main class on this module's class path) on an export with its proof line.
 */
class VerifierProcessTest {
  static final String A = "0a000000-0000-0000-0000-000000000001";
  static final String B = "0b000000-0000-0000-0000-000000000002";
  static final String C = "0c000000-0000-0000-0000-000000000003";
  static final String LATE = "0bb00000-0000-0000-0000-000000000004";

  @TempDir Path dir;
  ExportFixture service;
  Path key;

  record Run(int status, String output) {}

  @BeforeEach
  void history() throws Exception {
    service = new ExportFixture();
    for (String grant : List.of(A, B, C)) {
      service.append(grant, "{\"step\":0,\"amountYen\":700000000}");
      service.append(grant, "{\"step\":1}");
    }
    service.checkpoint(); // 0: the auditor keeps this one
    service.append(A, "{\"step\":2}");
    service.append(LATE, "{\"step\":0}"); // a grant that did not exist at checkpoint 0
    service.checkpoint(); // 1
    service.append(B, "{\"step\":2}");
    service.checkpoint(); // 2: the export's
    key = dir.resolve("key.pem");
    Files.writeString(key, Signatures.publicPem(service.key.getPublic()));
  }

  Path file(String name, List<String> lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  Path trusted(Checkpoint checkpoint) throws Exception {
    Path file = dir.resolve("checkpoint-" + checkpoint.index() + ".json");
    Files.writeString(file, service.json.writeValueAsString(checkpoint));
    return file;
  }

  static Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VerifyExport.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  Run verify(Path export) throws Exception {
    return run(
        "--public-key",
        key.toString(),
        "--checkpoint",
        trusted(service.checkpoints.get(0)).toString(),
        export.toString());
  }

  List<String> programExport() throws Exception {
    return service.export("program", "WPI", List.of(A, B, LATE, C), 0);
  }

  @Test
  void shouldAcceptAnIntactExportAgainstTheKeyAndATrustedCheckpoint() throws Exception {
    Run run = verify(file("intact.ndjson", programExport()));
    assertThat(run.output()).startsWith("OK: 9 events of 4 grant(s) verified");
    assertThat(run.output())
        .contains("complete up to checkpoint 2", "consistent with the trusted checkpoint 0");
    assertThat(run.status()).isZero();
  }

  @Test
  void shouldNameATruncatedHistory() throws Exception {
    List<String> lines = service.export("grant", B, List.of(B), 0);
    lines.remove(lines.size() - 2); // B's newest event, just before the proof line
    Run run = verify(file("truncated.ndjson", lines));
    assertThat(run.output()).startsWith("BAD:").contains("grant " + B, "truncated history");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldNameAReHashedHistory() throws Exception {
    List<String> honest = service.export("grant", A, List.of(A), 0);
    service.rehash(
        A, "700000000", "900000000"); // rewritten from the first event, hashes recomputed
    List<String> lines = new ArrayList<>(service.export("grant", A, List.of(A), 0));
    lines.set(lines.size() - 1, honest.get(honest.size() - 1)); // the proof the service signed
    Run run = verify(file("rehashed.ndjson", lines));
    assertThat(run.output()).startsWith("BAD:").contains("grant " + A, "re-hashed");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldNameAReorderedEvent() throws Exception {
    List<String> lines = service.export("grant", A, List.of(A), null);
    String first = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, first);
    Run run = verify(file("reordered.ndjson", lines));
    assertThat(run.output()).startsWith("BAD line 2:").contains("missing or reordered");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldNameARemovedEvent() throws Exception {
    List<String> lines = service.export("grant", A, List.of(A), null);
    lines.remove(1);
    Run run = verify(file("removed.ndjson", lines));
    assertThat(run.output()).startsWith("BAD line 2:").contains("missing or reordered");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldNameAGrantMissingFromAProgramExport() throws Exception {
    List<String> lines = programExport();
    lines.removeIf(line -> line.startsWith("{\"grantId\":\"" + C + "\""));
    Run run = verify(file("missing.ndjson", lines));
    assertThat(run.output()).startsWith("BAD:").contains("grant " + C, "a grant is missing");
    assertThat(run.status()).isEqualTo(1);

    // and taking it out of the manifest as well breaks the service's signature over the manifest
    List<String> edited = new ArrayList<>(lines);
    ObjectNode proof = (ObjectNode) service.json.readTree(edited.get(edited.size() - 1));
    var heads = (com.fasterxml.jackson.databind.node.ArrayNode) proof.at("/exportProof/heads");
    for (int i = heads.size() - 1; i >= 0; i--) {
      if (heads.get(i).path("grantId").asText().equals(C)) {
        heads.remove(i);
      }
    }
    var since =
        (com.fasterxml.jackson.databind.node.ArrayNode) proof.at("/exportProof/since/heads");
    for (int i = since.size() - 1; i >= 0; i--) {
      if (since.get(i).path("grantId").asText().equals(C)) {
        since.remove(i);
      }
    }
    edited.set(edited.size() - 1, service.json.writeValueAsString(proof));
    Run again = verify(file("missing-and-unlisted.ndjson", edited));
    assertThat(again.output()).startsWith("BAD:").contains("manifest signature does not verify");
    assertThat(again.status()).isEqualTo(1);
  }

  @Test
  void shouldNameAForgedCheckpoint() throws Exception {
    List<String> lines = service.export("grant", A, List.of(A), 0);
    ObjectNode proof = (ObjectNode) service.json.readTree(lines.get(lines.size() - 1));
    ((ObjectNode) proof.at("/exportProof/checkpoint")).put("treeSize", 5);
    lines.set(lines.size() - 1, service.json.writeValueAsString(proof));
    Run run = verify(file("forged.ndjson", lines));
    assertThat(run.output()).startsWith("BAD:").contains("checkpoint 2", "forged");
    assertThat(run.status()).isEqualTo(1);

    // a checkpoint log signed throughout by someone else's key
    Path otherKey = dir.resolve("other.pem");
    Files.writeString(
        otherKey,
        Signatures.publicPem(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    Run other =
        run(
            "--public-key",
            otherKey.toString(),
            file("a.ndjson", service.export("grant", A, List.of(A), null)).toString());
    assertThat(other.output()).startsWith("BAD:").contains("not the given key");
    assertThat(other.status()).isEqualTo(1);
  }

  @Test
  void shouldNameAnInconsistentCheckpoint() throws Exception {
    // the service's log was rewritten: a checkpoint 0 of other content, validly signed, is
    // offered instead of the one the auditor holds
    Checkpoint real = service.checkpoints.get(0);
    Checkpoint forked =
        service.sign(
            0,
            real.timestamp(),
            real.treeSize(),
            ExportFixture.HEX.formatHex(new byte[32]),
            List.of(
                jp.grants.contracts.audit.MerkleTree.leafHash(
                    Checkpoint.record(
                        0,
                        real.timestamp(),
                        real.treeSize(),
                        ExportFixture.HEX.formatHex(new byte[32])))));
    Run run =
        run(
            "--public-key",
            key.toString(),
            "--checkpoint",
            trusted(forked).toString(),
            file("export.ndjson", service.export("grant", A, List.of(A), 0)).toString());
    assertThat(run.output()).startsWith("BAD:").contains("inconsistent checkpoint");
    assertThat(run.status()).isEqualTo(1);

    // and a consistency proof that does not lead from the trusted log to the export's
    List<String> lines = service.export("grant", A, List.of(A), 0);
    ObjectNode proof = (ObjectNode) service.json.readTree(lines.get(lines.size() - 1));
    var consistency =
        (com.fasterxml.jackson.databind.node.ArrayNode) proof.at("/exportProof/since/consistency");
    consistency.set(
        0, service.json.getNodeFactory().textNode(ExportFixture.HEX.formatHex(new byte[32])));
    lines.set(lines.size() - 1, service.json.writeValueAsString(proof));
    Run bad = verify(file("inconsistent.ndjson", lines));
    assertThat(bad.output()).startsWith("BAD:").contains("consistency proof", "fails");
    assertThat(bad.status()).isEqualTo(1);
  }

  @Test
  void shouldCatchAHistoryRewrittenAfterTheTrustedCheckpointEvenWhenTheServiceSignsAnew()
      throws Exception {
    // an attacker with table access truncates B and re-hashes A; the service, unaware, signs a
    // new checkpoint over the new heads: only the checkpoint the auditor kept tells
    service.truncate(B, 1);
    service.rehash(A, "700000000", "900000000");
    service.checkpoint();
    Run truncated = verify(file("b.ndjson", service.export("grant", B, List.of(B), 0)));
    assertThat(truncated.output())
        .startsWith("BAD:")
        .contains("grant " + B, "trusted checkpoint 0", "truncated after that checkpoint");
    assertThat(truncated.status()).isEqualTo(1);
    Run rehashed = verify(file("a.ndjson", service.export("grant", A, List.of(A), 0)));
    assertThat(rehashed.output())
        .startsWith("BAD:")
        .contains("grant " + A, "rewritten (re-hashed) after that checkpoint");
    assertThat(rehashed.status()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnExportWithoutItsProofLineWhenGivenAKey() throws Exception {
    List<String> lines = service.export("grant", A, List.of(A), null);
    lines.remove(lines.size() - 1);
    Run run = run("--public-key", key.toString(), file("cut.ndjson", lines).toString());
    assertThat(run.output()).startsWith("BAD:").contains("no exportProof line");
    assertThat(run.status()).isEqualTo(1);
    Run chainsOnly = run(file("cut.ndjson", lines).toString());
    assertThat(chainsOnly.output()).startsWith("OK:").contains("chains only");
    assertThat(chainsOnly.status()).isZero();
  }

  @Test
  void shouldProveAGrantNewerThanTheTrustedCheckpointAbsentFromIt() throws Exception {
    Run run = verify(file("late.ndjson", service.export("grant", LATE, List.of(LATE), 0)));
    assertThat(run.output()).startsWith("OK: 1 events of 1 grant(s)");
    assertThat(run.status()).isZero();
  }

  @Test
  void shouldRefuseAClaimThatAGrantOfTheTrustedCheckpointWasNotInIt() throws Exception {
    // A's history deleted and made anew after checkpoint 0: the export claims A was not in it,
    // with B (leaf 1) as its right neighbour; but nothing sits left of A at leaf 0 but A itself
    List<String> lines = service.export("grant", A, List.of(A), 0);
    ObjectNode proof = (ObjectNode) service.json.readTree(lines.get(lines.size() - 1));
    ObjectNode at = (ObjectNode) proof.at("/exportProof/since/heads/0");
    at.remove("head");
    at.set("right", service.json.valueToTree(ExportFixture.proof(service.headsAt.get(0), 1)));
    lines.set(lines.size() - 1, service.json.writeValueAsString(proof));
    Run run = verify(file("absent.ndjson", lines));
    assertThat(run.output())
        .startsWith("BAD:")
        .contains("grant " + A, "not yet in the trusted checkpoint 0 fails");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldTakeTheKeyAndCheckpointAsTheServiceAnswersThem() throws Exception {
    Path keyJson = dir.resolve("key.json");
    Files.writeString(
        keyJson,
        "{\"keyId\":\"x\",\"algorithm\":\"Ed25519\",\"publicKey\":"
            + service.json.writeValueAsString(Signatures.publicPem(service.key.getPublic()))
            + "}");
    Run run =
        run(
            "--public-key",
            keyJson.toString(),
            "--checkpoint",
            trusted(service.checkpoints.get(2)).toString(),
            file("a.ndjson", service.export("grant", A, List.of(A), null)).toString());
    assertThat(run.output()).startsWith("OK:").contains("consistent with the trusted checkpoint 2");
    assertThat(run.status()).isZero();
    assertThat(run("--checkpoint").status()).isEqualTo(2);
  }
}
