package jp.grants.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
