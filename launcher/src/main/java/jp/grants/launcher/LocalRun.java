package jp.grants.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jp.grants.infra.JwtKeys;

/** The command line of the launcher: {@code run-local.sh [keys [DIR] | --help]}. */
final class LocalRun {
  private static final PrintStream OUT = System.out;
  private static final PrintStream ERR = System.err;

  private LocalRun() {}

  static int run(String[] args) {
    if (args.length > 0) {
      return switch (args[0]) {
        case "-h", "--help", "help" -> usage(OUT, 0);
        case "keys" ->
            keys(args.length > 1 ? Path.of(args[1]) : projectDirectory().resolve(".local/jwt"));
        default -> {
          ERR.println("unknown argument: " + args[0]);
          yield usage(ERR, 2);
        }
      };
    }
    LocalSystemConfig config;
    try {
      config = LocalSystemConfig.fromEnvironment(projectDirectory(), System.getenv());
    } catch (IllegalArgumentException e) {
      ERR.println(e.getMessage());
      return 2;
    }
    return runUntilStopped(new LocalSystem(config));
  }

  private static int runUntilStopped(LocalSystem system) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!system.isStopping()) {
                    OUT.println("stopping the local system ...");
                  }
                  system.stop();
                },
                "local-system-stop"));
    Instant began = Instant.now();
    try {
      system.startAll();
    } catch (RuntimeException | LinkageError e) {
      if (system.isStopping()) {
        return 130; // Ctrl-C during start; the shutdown hook is stopping everything
      }
      ERR.println("The local system did not start: " + e.getMessage());
      system.stop();
      return 1;
    }
    printSummary(system, Duration.between(began, Instant.now()));
    String death = awaitUnexpectedExit(system);
    if (system.isStopping()) {
      return 0;
    }
    ERR.println(death);
    ERR.println("Stopping the rest of the local system.");
    system.stop();
    return 1;
  }

  /** Blocks until a service, the own broker or the own database ends; says which and why. */
  private static String awaitUnexpectedExit(LocalSystem system) {
    List<CompletableFuture<String>> exits = new ArrayList<>();
    for (ServiceProcess service : system.services()) {
      exits.add(
          service
              .onExit()
              .thenApply(
                  process ->
                      service.service()
                          + " exited unexpectedly with code "
                          + process.exitValue()
                          + ". Last lines of "
                          + service.log()
                          + ":\n"
                          + service.tailLog(40)));
    }
    system
        .kafkaBroker()
        .flatMap(broker -> ProcessHandle.of(broker.pid()))
        .ifPresent(
            handle ->
                exits.add(
                    handle
                        .onExit()
                        .thenApply(
                            h ->
                                "The Kafka broker exited unexpectedly; its log is in "
                                    + system
                                        .kafkaBroker()
                                        .map(b -> b.directory().resolve("broker.log"))
                                        .orElseThrow())));
    system
        .embeddedPostgres()
        .flatMap(LocalSystem::postmaster)
        .ifPresent(
            handle ->
                exits.add(
                    handle
                        .onExit()
                        .thenApply(h -> "PostgreSQL exited unexpectedly (pid " + h.pid() + ")")));
    try {
      return (String) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException e) {
      return "watching the processes failed: " + e.getCause();
    }
  }

  private static void printSummary(LocalSystem system, Duration took) {
    OUT.println();
    OUT.printf("The local system is ready (%d s).%n", took.toSeconds());
    for (ServiceProcess service : system.services()) {
      OUT.printf(
          "  %-15s %s   Swagger UI %s/q/swagger-ui   log %s%n",
          service.service(), service.url(), service.url(), relative(service.log()));
    }
    OUT.println("  PostgreSQL      " + system.postgres());
    OUT.println(
        "  Kafka           "
            + system
                .kafkaBroker()
                .map(Object::toString)
                .orElse(system.bootstrapServers() + " (external)"));
    OUT.printf(
        "Bearer tokens, one per role (valid %d h; also in %s: source it and use $TOKEN_<ROLE>):%n",
        Tokens.VALIDITY.toHours(), relative(system.tokensFile()));
    for (Map.Entry<String, String> token : system.tokens().entrySet()) {
      OUT.printf("  %-16s %s%n", token.getKey(), token.getValue());
    }
    OUT.println("Press Ctrl-C to stop everything this launcher started.");
  }

  /**
   * For docker compose and manual setups: a key pair (kept if present) and tokens signed with it.
   */
  private static int keys(Path directory) {
    JwtKeys keys =
        Files.exists(directory.resolve("private.pem"))
            ? JwtKeys.load(directory)
            : JwtKeys.generate(directory);
    Path tokens = directory.resolve("tokens.env");
    Tokens.write(Tokens.issue(keys), tokens);
    OUT.println("public key:  " + keys.publicKey().toAbsolutePath());
    OUT.println(
        "private key: " + directory.resolve("private.pem").toAbsolutePath() + " (keep it private)");
    OUT.println(
        "tokens:      " + tokens.toAbsolutePath() + " (valid " + Tokens.VALIDITY.toHours() + " h)");
    return 0;
  }

  private static int usage(PrintStream out, int status) {
    out.println(
        """
        Usage: ./run-local.sh            build, then run the whole system on this machine
               ./run-local.sh keys [DIR]  write a JWT key pair (default .local/jwt) and one token per role

        Environment (all optional):
          QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD
              an existing PostgreSQL server (any database on it); the launcher creates
              grants_grant, grants_review and grants_ledger there. Default: an embedded PostgreSQL 17.
          KAFKA_BOOTSTRAP_SERVERS   existing Kafka brokers (topics must exist). Default: a broker of its own.
          GRANT_SERVICE_PORT, REVIEW_SERVICE_PORT, LEDGER_SERVICE_PORT   default 8081, 8082, 8083
          LOCAL_RUN_DIRECTORY       where logs, tokens and the run record go. Default: .local
        Logs go to .local/logs/<service>.log, tokens to .local/tokens.env. What a run started is recorded
        in .local/run.pids: if a launcher dies (kill -9), the next start stops what it left running.""");
    return status;
  }

  /**
   * The checkout the launcher belongs to: its jar is {@code
   * <root>/launcher/target/grants-launcher.jar} (or its classes {@code
   * <root>/launcher/target/classes}); otherwise the working directory.
   */
  static Path projectDirectory() {
    try {
      Path location =
          Path.of(LocalSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path candidate = location; candidate != null; candidate = candidate.getParent()) {
        if (Files.isDirectory(candidate.resolve("grant-service"))
            && Files.exists(candidate.resolve("pom.xml"))) {
          return candidate;
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }

  private static Path relative(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
  }
}
