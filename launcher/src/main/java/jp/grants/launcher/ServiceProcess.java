package jp.grants.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service as a child process ({@code java -jar <service>/target/quarkus-app/quarkus-run.jar}),
 * its output appended to a log file. It can be stopped and started again with the same settings.
 */
public final class ServiceProcess {
  /**
   * util-linux; absent on macOS, where the service simply stays in the launcher's process group.
   */
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Service service;
  private final int port;
  private final Path jar;
  private final Path log;
  private final List<String> javaOptions;
  private final Map<String, String> environment;
  private Process process;

  ServiceProcess(
      Service service,
      int port,
      Path jar,
      Path log,
      List<String> javaOptions,
      Map<String, String> environment) {
    this.service = service;
    this.port = port;
    this.jar = jar;
    this.log = log;
    this.javaOptions = List.copyOf(javaOptions);
    this.environment = Map.copyOf(environment);
  }

  public Service service() {
    return service;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /** The URL to give a person. */
  public URI url() {
    return URI.create("http://localhost:" + port);
  }

  /** The environment the service runs with (the launcher's own plus these). */
  public Map<String, String> environment() {
    return environment;
  }

  /** Starts the process unless it runs. */
  public synchronized void start() {
    if (isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    // Its own session: a Ctrl-C in the terminal reaches the launcher, which stops the services
    // first and the broker and database after them, rather than everything at once.
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(jar.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + service, e);
    }
  }

  /** Asks the service to shut down (SIGTERM); {@link #awaitStop} waits for it. */
  public synchronized void requestStop() {
    if (process != null && process.isAlive()) {
      process.destroy();
    }
  }

  /** Waits for the process to end; kills it if it takes longer than the grace period. */
  public void awaitStop(long graceSeconds) {
    Process current;
    synchronized (this) {
      current = process;
    }
    if (current == null) {
      return;
    }
    try {
      if (!current.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        current.destroyForcibly();
        current.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current.destroyForcibly();
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or an evicted pod would, and waits for it. */
  public void kill() {
    Process current;
    synchronized (this) {
      current = process;
    }
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
      try {
        current.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the service and waits for it (up to 30 s, then kills it). */
  public void stop() {
    requestStop();
    awaitStop(30);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The exit code if the process has ended. */
  public synchronized Optional<Integer> exitCode() {
    return process == null || process.isAlive()
        ? Optional.empty()
        : Optional.of(process.exitValue());
  }

  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(service + " was never started");
    }
    return process.pid();
  }

  /** The current process. */
  public synchronized ProcessHandle handle() {
    if (process == null) {
      throw new IllegalStateException(service + " was never started");
    }
    return process.toHandle();
  }

  /** Completes when the current process ends. */
  public synchronized CompletableFuture<Process> onExit() {
    if (process == null) {
      throw new IllegalStateException(service + " was never started");
    }
    return process.onExit();
  }

  public Health readiness() {
    return readiness(Health.DEFAULT_TIMEOUT);
  }

  /**
   * Readiness, waiting at most this long for the answer (a check may block on an absent server).
   */
  public Health readiness(Duration timeout) {
    return Health.of(probe("/q/health/ready"), timeout);
  }

  public Health liveness() {
    return Health.of(probe("/q/health/live"), Health.DEFAULT_TIMEOUT);
  }

  /** Probes go to the IPv4 loopback: Quarkus listens on 0.0.0.0, and "localhost" may mean ::1. */
  private URI probe(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The last lines of the service's log, to show why it failed. */
  public String tailLog(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log at " + log + ")";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return service + " at " + url();
  }
}
