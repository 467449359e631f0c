package jp.grants.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jp.grants.infra.FreePorts;
import jp.grants.launcher.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run-local.sh} as a developer meets it: the launcher is killed with SIGKILL (it cannot stop
 * anything), its services, broker and database keep running; the next start stops exactly those
 * leftovers and runs; a normal stop then leaves nothing behind.
 */
class LauncherLeftoversTest {
  private static final String READY = "The local system is ready";

  @TempDir Path work;
  private final List<Process> launchers = new ArrayList<>();
  // the reader thread appends while the test reads: a copy-on-write list iterates a snapshot
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final List<Record> seen = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (Process launcher : launchers) {
      launcher.destroy();
      launcher.waitFor(90, TimeUnit.SECONDS);
    }
    // whatever a failed assertion left behind
    for (Record entry : seen) {
      entry.process().ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theNextStartStopsWhatAKilledLauncherLeftRunning() throws Exception {
    Map<String, String> environment = environment();
    Process first = startLauncher(environment);
    List<Record> firstRun = record();
    assertThat(firstRun)
        .extracting(Record::name)
        .containsExactlyInAnyOrder(
            "launcher",
            "postgresql",
            "kafka-broker",
            "grant-service",
            "review-service",
            "ledger-service");

    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    List<Record> leftovers = firstRun.stream().filter(r -> !r.name().equals("launcher")).toList();
    assertThat(leftovers).as("what SIGKILL of the launcher leaves running").allMatch(Record::alive);

    Process second = startLauncher(environment);

    assertThat(leftovers).as("the leftovers of the first run").noneMatch(Record::alive);
    for (Record leftover : leftovers) {
      assertThat(output).anyMatch(line -> line.contains("stopping " + leftover.name() + " (pid "));
    }
    List<Record> secondRun = record();
    assertThat(secondRun).allMatch(Record::alive).hasSize(firstRun.size());
    assertThat(secondRun.get(0).pid()).isEqualTo(second.pid());

    second.destroy(); // SIGTERM, as Ctrl-C: the launcher's shutdown hook stops what it started
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(secondRun).as("after a normal stop").noneMatch(Record::alive);
    assertThat(work.resolve("run.pids")).doesNotExist();
  }

  private Map<String, String> environment() {
    return Map.of(
        Service.GRANT.portVariable(),
        String.valueOf(FreePorts.next()),
        Service.REVIEW.portVariable(),
        String.valueOf(FreePorts.next()),
        Service.LEDGER.portVariable(),
        String.valueOf(FreePorts.next()),
        "LOCAL_RUN_DIRECTORY",
        work.toString());
  }

  /** Starts {@code java -jar grants-launcher.jar} and returns once it says the system is ready. */
  private Process startLauncher(Map<String, String> environment) throws Exception {
    Path jar = ProjectFiles.file("launcher/target/grants-launcher.jar");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_"));
    builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    builder.environment().putAll(environment);
    Process launcher = builder.start();
    launchers.add(launcher);
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  output.add(line);
                  System.out.println("[launcher " + launcher.pid() + "] " + line);
                  if (line.contains(READY)) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                // the launcher ended
              }
              ready.complete(false);
            },
            "launcher-output");
    reader.setDaemon(true);
    reader.start();
    assertThat(ready.get(300, TimeUnit.SECONDS))
        .as("the launcher became ready; its output:%n%s", String.join("\n", output))
        .isTrue();
    return launcher;
  }

  private record Record(String name, long pid, String started) {
    boolean alive() {
      return process().isPresent();
    }

    Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p -> p.info().startInstant().map(i -> i.toString().equals(started)).orElse(false));
    }
  }

  /** The launcher's run record: name, pid, start time, directory, tab-separated. */
  private List<Record> record() throws IOException {
    Path file = work.resolve("run.pids");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank())
        .map(line -> line.split("\t", -1))
        .map(fields -> new Record(fields[0], Long.parseLong(fields[1]), fields[2]))
        .peek(seen::add)
        .toList();
  }
}
