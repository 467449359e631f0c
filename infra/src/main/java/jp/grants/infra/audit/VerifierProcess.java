package jp.grants.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the offline verifier as an auditor would, as a process of its own: {@code java -jar} on the
 * audit-verifier's executable jar. For the tests of every service that exports (each declares
 * audit-verifier as a test dependency, so the jar is built before them).
 */
public final class VerifierProcess {
  /** The verifier's exit status and everything it printed. */
  public record Run(int status, String output) {}

  private VerifierProcess() {}

  public static Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launcher());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** A temporary file holding the text (an export, a key, a checkpoint), for the verifier. */
  public static Path file(String name, String content) throws IOException {
    Path file = Files.createTempFile(name, ".ndjson");
    Files.writeString(file, content);
    return file;
  }

  /** The verifier on the export's lines with the service's public key (a file). */
  public static Run verify(String key, List<String> lines) throws Exception {
    return run("--public-key", key, file("export", String.join("\n", lines)).toString());
  }

  /** The verifier with the service's key and a checkpoint the auditor kept (files). */
  public static Run verify(String key, String trusted, String ndjson) throws Exception {
    return run("--public-key", key, "--checkpoint", trusted, file("export", ndjson).toString());
  }

  /**
   * Every tampered copy of a real export fails, naming its reason: the newest record cut off, two
   * records swapped, the first record after the oldest removed, the proof's tree size forged.
   *
   * @param lines an export of one chain with at least three records, its proof line last
   */
  public static void assertEveryTamperedCopyFails(String key, List<String> lines) throws Exception {
    int proof = lines.size() - 1;
    assertThat(proof).as("records in the export").isGreaterThanOrEqualTo(3);
    assertThat(verify(key, lines).status()).isZero();

    List<String> truncated = new ArrayList<>(lines);
    truncated.remove(proof - 1); // the newest record
    Run run = verify(key, truncated);
    assertThat(run.output()).startsWith("BAD:").contains("truncated history");
    assertThat(run.status()).isEqualTo(1);

    List<String> reordered = new ArrayList<>(lines);
    reordered.set(1, lines.get(2));
    reordered.set(2, lines.get(1));
    run = verify(key, reordered);
    assertThat(run.output()).startsWith("BAD line 2:").contains("missing or reordered");
    assertThat(run.status()).isEqualTo(1);

    List<String> removed = new ArrayList<>(lines);
    removed.remove(1);
    run = verify(key, removed);
    assertThat(run.output()).startsWith("BAD line 2:").contains("missing or reordered");
    assertThat(run.status()).isEqualTo(1);

    List<String> forged = new ArrayList<>(lines);
    String signed = forged.get(proof);
    forged.set(proof, signed.replaceFirst("\"treeSize\":(\\d+)", "\"treeSize\":1$1"));
    assertThat(forged.get(proof)).isNotEqualTo(signed);
    run = verify(key, forged);
    assertThat(run.output()).startsWith("BAD:").contains("forged");
    assertThat(run.status()).isEqualTo(1);
  }

  /**
   * {@code -jar} on the verifier's executable jar as the audit-verifier build makes it (it is
   * packaged before this module's tests in every build of the project); without it, the main class
   * in a JVM of its own.
   */
  public static List<String> launcher() {
    Path jar =
        Path.of("..", "audit-verifier", "target", "grants-audit-verifier.jar").toAbsolutePath();
    if (Files.isRegularFile(jar)) {
      return List.of("-jar", jar.normalize().toString());
    }
    return List.of(
        "-cp", System.getProperty("java.class.path"), "jp.grants.audit.verifier.VerifyExport");
  }
}
