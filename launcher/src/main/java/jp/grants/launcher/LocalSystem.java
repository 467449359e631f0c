package jp.grants.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import jp.grants.infra.EmbeddedPostgresServer;
import jp.grants.infra.ExternalPostgres;
import jp.grants.infra.FreePorts;
import jp.grants.infra.JwtKeys;
import jp.grants.infra.KafkaBroker;
import jp.grants.infra.Postgres;
import jp.grants.infra.SharedInfrastructure;

/**
 * The whole system on one machine: PostgreSQL, a Kafka broker, a JWT key pair and the three
 * services as child processes. {@link #start} returns once every service is ready; {@link #stop}
 * stops what it started (services first, then the broker, then the database) and never a server it
 * was only given.
 *
 * <p>Run from the command line by {@code run-local.sh}; see {@link LocalRun}.
 */
public final class LocalSystem implements AutoCloseable {
  private static final long SERVICE_STOP_GRACE_SECONDS = 30;

  /** Kafka's own start-up wait is 90 s; PostgreSQL's 60 s. */
  private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(150);

  private final LocalSystemConfig config;
  private final Consumer<String> progress;
  private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

  /** More instances of a service, sharing its database and broker (scale-out). */
  private final List<ServiceProcess> extraInstances = new ArrayList<>();

  private final Object lock = new Object();
  private final Object stopLock = new Object();
  private volatile boolean stopping;
  private CompletableFuture<Postgres> postgresStart;
  private CompletableFuture<Optional<KafkaBroker>> kafkaStart;
  private Postgres postgres;
  private KafkaBroker kafka;
  private String bootstrapServers;
  private Path keyDirectory;
  private JwtKeys keys;
  private Map<String, String> tokens = Map.of();
  private volatile RunRecord record;

  LocalSystem(LocalSystemConfig config) {
    this.config = config;
    this.progress = config.progress();
  }

  public static void main(String[] args) {
    System.exit(LocalRun.run(args));
  }

  /**
   * Starts everything and returns when all services are ready; on failure stops what it started.
   */
  public static LocalSystem start(LocalSystemConfig config) {
    LocalSystem system = new LocalSystem(config);
    try {
      system.startAll();
      return system;
    } catch (RuntimeException | Error e) {
      system.stop();
      throw e;
    }
  }

  void startAll() {
    checkPackaged();
    stopLeftovers();
    checkPortsFree();
    prepareWorkDirectory();
    startInfrastructure();
    makeKeys();
    startServices();
    awaitReady(services.values(), config.readyTimeout());
  }

  private void checkPackaged() {
    for (Service service : Service.values()) {
      Path jar = service.runnableJar(config.projectDirectory());
      if (!Files.isRegularFile(jar)) {
        throw new LocalSystemException(
            jar
                + " is missing: package the services first "
                + "(./mvnw -B -q install -DskipTests, which run-local.sh does)");
      }
    }
  }

  /**
   * A launcher that died (kill -9, a stop cut short) leaves its services, broker and database
   * running; its record says which processes they are, and they are stopped before this run starts.
   */
  private void stopLeftovers() {
    List<RunRecord.Entry> stopped =
        RunRecord.stopLeftovers(
            config.workDirectory(), Duration.ofSeconds(SERVICE_STOP_GRACE_SECONDS), progress);
    if (!stopped.isEmpty()) {
      progress.accept("stopped what an earlier run left behind: " + stopped);
    }
    synchronized (lock) {
      ensureNotStopping();
      record = RunRecord.begin(config.workDirectory());
    }
  }

  private void remember(String name, ProcessHandle process, Optional<Path> directory) {
    RunRecord current = record;
    if (current != null) {
      current.add(RunRecord.Entry.of(name, process, directory));
    }
  }

  private void checkPortsFree() {
    for (Service service : Service.values()) {
      int port = config.port(service);
      if (FreePorts.isListening(port)) {
        throw new LocalSystemException(
            "port "
                + port
                + " for "
                + service
                + " is taken (is another local "
                + "system running?); choose another with "
                + service.portVariable()
                + "=<port>");
      }
    }
  }

  private void prepareWorkDirectory() {
    try {
      Files.createDirectories(logDirectory());
      for (Service service : Service.values()) {
        Files.deleteIfExists(logFile(service));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + config.workDirectory(), e);
    }
  }

  /** PostgreSQL and Kafka start side by side: each takes seconds, mostly waiting. */
  private void startInfrastructure() {
    synchronized (lock) {
      ensureNotStopping();
      postgresStart = CompletableFuture.supplyAsync(this::startPostgres);
      kafkaStart = CompletableFuture.supplyAsync(this::startKafka);
    }
    postgres = await(postgresStart, "PostgreSQL");
    Optional<KafkaBroker> ownBroker = await(kafkaStart, "Kafka");
    kafka = ownBroker.orElse(null);
    embeddedPostgres()
        .ifPresent(
            server ->
                postmaster(server)
                    .ifPresent(
                        process ->
                            remember("postgresql", process, Optional.of(server.dataDirectory()))));
    ownBroker.ifPresent(
        broker ->
            ProcessHandle.of(broker.pid())
                .ifPresent(
                    process -> remember("kafka-broker", process, Optional.of(broker.directory()))));
    bootstrapServers =
        ownBroker
            .map(KafkaBroker::bootstrapServers)
            .orElseGet(() -> config.externalBootstrapServers().orElseThrow());
    for (Service service : Service.values()) {
      postgres.createDatabase(service.database());
    }
    progress.accept("databases " + databases() + " on " + postgres);
  }

  private Postgres startPostgres() {
    Optional<String> url = config.externalJdbcUrl();
    if (url.isPresent()) {
      Postgres external =
          ExternalPostgres.fromJdbcUrl(
              url.get(),
              config.variable("QUARKUS_DATASOURCE_USERNAME").orElse("postgres"),
              config.variable("QUARKUS_DATASOURCE_PASSWORD").orElse(""));
      progress.accept(
          "using " + external + " (QUARKUS_DATASOURCE_JDBC_URL); it is never stopped here");
      return external;
    }
    progress.accept("starting an embedded PostgreSQL 17 ...");
    EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary();
    progress.accept("started " + server);
    return server;
  }

  private Optional<KafkaBroker> startKafka() {
    Optional<String> external = config.externalBootstrapServers();
    if (external.isPresent()) {
      progress.accept(
          "using the Kafka brokers at "
              + external.get()
              + " (KAFKA_BOOTSTRAP_SERVERS); never stopped here");
      return Optional.empty();
    }
    progress.accept("starting a Kafka broker (KRaft, own JVM) ...");
    KafkaBroker broker = KafkaBroker.startTemporary();
    broker.createTopics(SharedInfrastructure.TOPICS);
    progress.accept("started " + broker + " with topics " + SharedInfrastructure.TOPICS.keySet());
    return Optional.of(broker);
  }

  private <T> T await(CompletableFuture<T> start, String what) {
    try {
      return start.get(INFRASTRUCTURE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new LocalSystemException(
          what + " did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new LocalSystemException(
          what + " did not start in " + INFRASTRUCTURE_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalSystemException("interrupted while starting " + what, e);
    }
  }

  /** A fresh key pair for this run only; the services trust its public key. */
  private void makeKeys() {
    try {
      keyDirectory = Files.createTempDirectory("grants-jwt-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    keys = JwtKeys.generate(keyDirectory);
    tokens = Tokens.issue(keys);
    Tokens.write(tokens, tokensFile());
  }

  private void startServices() {
    synchronized (lock) {
      ensureNotStopping();
      for (Service service : Service.values()) {
        ServiceProcess process =
            new ServiceProcess(
                service,
                config.port(service),
                service.runnableJar(config.projectDirectory()),
                logFile(service),
                config.javaOptions(),
                environmentOf(service));
        services.put(service, process);
        process.start();
        remember(service.moduleName(), process.handle(), Optional.empty());
        progress.accept(
            "started " + service + " (pid " + process.pid() + ", log " + process.log() + ")");
      }
    }
  }

  /**
   * The configuration of one service, by the environment names its application.properties
   * documents.
   */
  Map<String, String> environmentOf(Service service) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("QUARKUS_HTTP_PORT", String.valueOf(config.port(service)));
    environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
    environment.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
    environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
    environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toUri().toString());
    environment.put("MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER);
    if (service == Service.GRANT) {
      // the auditors' reconciliation reads the ledger, wherever this run put it
      environment.put(
          "QUARKUS_REST_CLIENT_LEDGER_URL", "http://127.0.0.1:" + config.port(Service.LEDGER));
    }
    if (service == Service.GRANT || service == Service.REVIEW || service == Service.LEDGER) {
      // each one's checkpoint signing key of local runs: generated once under the work directory
      environment.put(
          "GRANTS_AUDIT_CHECKPOINT_KEY_FILE",
          config
              .workDirectory()
              .resolve(service.moduleName() + "/checkpoint-signing-key.pem")
              .toAbsolutePath()
              .toString());
      environment.put("GRANTS_AUDIT_CHECKPOINT_GENERATE_KEY", "true");
    }
    return environment;
  }

  /**
   * Waits until every given service answers UP on {@code /q/health/ready}. Fails at once, naming
   * the service and showing its log, if one exits; names those still not ready at the timeout.
   */
  public void awaitReady(Collection<ServiceProcess> pending, Duration timeout) {
    List<ServiceProcess> waiting = new ArrayList<>(pending);
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Map<ServiceProcess, Health> last = new HashMap<>();
    while (!waiting.isEmpty()) {
      ensureNotStopping();
      for (ServiceProcess service : List.copyOf(waiting)) {
        if (!service.isAlive()) {
          throw new LocalSystemException(
              service.service()
                  + " exited with code "
                  + service.exitCode().orElse(-1)
                  + " before it was ready. Last lines of "
                  + service.log()
                  + ":\n"
                  + service.tailLog(40));
        }
        Health health = service.readiness();
        last.put(service, health);
        if (health.isUp()) {
          waiting.remove(service);
          progress.accept(
              service.service()
                  + " is ready after "
                  + Duration.between(start, Instant.now()).toSeconds()
                  + " s");
        }
      }
      if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
        throw notReady(waiting, last, timeout);
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private static LocalSystemException notReady(
      List<ServiceProcess> waiting, Map<ServiceProcess, Health> last, Duration timeout) {
    StringBuilder message = new StringBuilder();
    for (ServiceProcess service : waiting) {
      message
          .append(service.service())
          .append(" was not ready after ")
          .append(timeout.toSeconds())
          .append(" s; its readiness said: ")
          .append(last.get(service))
          .append("\nLast lines of ")
          .append(service.log())
          .append(":\n")
          .append(service.tailLog(40))
          .append('\n');
    }
    return new LocalSystemException(message.toString().trim());
  }

  /**
   * Stops what this system started: services first, then its broker, then its database. Idempotent.
   */
  public void stop() {
    // A second caller (the shutdown hook, say) waits until the first has finished.
    synchronized (stopLock) {
      stopping = true;
      stopServices();
      stopKafka();
      stopPostgres();
      deleteKeys();
      RunRecord current = record;
      record = null;
      if (current != null) {
        quietly("deleting the run record", current::end);
      }
    }
  }

  /**
   * Starts one more instance of a service on another port, with the same database, broker and keys:
   * instances split the work through Axon's token claims and Kafka's consumer groups. It stops with
   * the system. The caller waits for it with {@link #awaitReady}.
   */
  public ServiceProcess startInstance(Service service, int port) {
    return startInstance(service, port, Map.of());
  }

  /** As {@link #startInstance(Service, int)}, with some environment variables of its own. */
  public ServiceProcess startInstance(Service service, int port, Map<String, String> overrides) {
    synchronized (lock) {
      ensureNotStopping();
      Map<String, String> environment = new LinkedHashMap<>(environmentOf(service));
      environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
      environment.putAll(overrides);
      Path log = logDirectory().resolve(service.moduleName() + "-" + port + ".log");
      ServiceProcess instance =
          new ServiceProcess(
              service,
              port,
              service.runnableJar(config.projectDirectory()),
              log,
              config.javaOptions(),
              environment);
      extraInstances.add(instance);
      instance.start();
      remember(service.moduleName() + "-" + port, instance.handle(), Optional.empty());
      progress.accept(
          "started another " + service + " (pid " + instance.pid() + ", port " + port + ")");
      return instance;
    }
  }

  private void stopServices() {
    List<ServiceProcess> running;
    synchronized (lock) {
      running = new ArrayList<>(services.values());
      running.addAll(extraInstances);
      services.clear();
      extraInstances.clear();
    }
    running.forEach(ServiceProcess::requestStop);
    for (ServiceProcess service : running) {
      service.awaitStop(SERVICE_STOP_GRACE_SECONDS);
    }
    if (!running.isEmpty()) {
      progress.accept("stopped " + running.stream().map(s -> s.service().toString()).toList());
    }
  }

  private void stopKafka() {
    CompletableFuture<Optional<KafkaBroker>> start;
    synchronized (lock) {
      start = kafkaStart;
      kafkaStart = null;
    }
    Optional<KafkaBroker> broker = started(start).flatMap(own -> own);
    broker.ifPresent(
        b ->
            quietly(
                "stopping the Kafka broker",
                () -> {
                  b.close();
                  progress.accept("stopped the Kafka broker");
                }));
  }

  private void stopPostgres() {
    CompletableFuture<Postgres> start;
    synchronized (lock) {
      start = postgresStart;
      postgresStart = null;
    }
    Optional<Postgres> server = started(start);
    // ExternalPostgres.close() does nothing: a server we were given is never touched.
    server
        .filter(EmbeddedPostgresServer.class::isInstance)
        .ifPresent(
            p ->
                quietly(
                    "stopping PostgreSQL",
                    () -> {
                      p.close();
                      progress.accept("stopped PostgreSQL");
                    }));
  }

  /** What a start produced, waiting for one still under way (so nothing is left running). */
  private <T> Optional<T> started(CompletableFuture<T> start) {
    if (start == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(start.get(INFRASTRUCTURE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void deleteKeys() {
    Path directory = keyDirectory;
    keyDirectory = null;
    if (directory != null) {
      quietly(
          "deleting the key pair",
          () -> {
            Files.deleteIfExists(directory.resolve("private.pem"));
            Files.deleteIfExists(directory.resolve("public.pem"));
            Files.deleteIfExists(directory);
          });
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /** A failing step of a shutdown must not keep the next ones from running. */
  private void quietly(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      progress.accept(what + " failed: " + e);
    }
  }

  private void ensureNotStopping() {
    if (stopping) {
      throw new LocalSystemException("stopped while starting");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalSystemException("interrupted", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isStopping() {
    return stopping;
  }

  public LocalSystemConfig config() {
    return config;
  }

  public ServiceProcess service(Service service) {
    synchronized (lock) {
      ServiceProcess process = services.get(service);
      if (process == null) {
        throw new IllegalStateException(service + " is not part of the running system");
      }
      return process;
    }
  }

  public List<ServiceProcess> services() {
    synchronized (lock) {
      return List.copyOf(services.values());
    }
  }

  public Postgres postgres() {
    return postgres;
  }

  /**
   * The PostgreSQL server this system started, if it started one (not when given an external one).
   */
  public Optional<EmbeddedPostgresServer> embeddedPostgres() {
    return Optional.ofNullable(postgres)
        .filter(EmbeddedPostgresServer.class::isInstance)
        .map(EmbeddedPostgresServer.class::cast);
  }

  /** The broker this system started, if it started one. */
  public Optional<KafkaBroker> kafkaBroker() {
    return Optional.ofNullable(kafka);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public JwtKeys keys() {
    return keys;
  }

  /** Role → bearer token (valid {@link Tokens#VALIDITY}). */
  public Map<String, String> tokens() {
    return tokens;
  }

  public Path tokensFile() {
    return config.workDirectory().resolve("tokens.env");
  }

  public Path logDirectory() {
    return config.workDirectory().resolve("logs");
  }

  private Path logFile(Service service) {
    return logDirectory().resolve(service.moduleName() + ".log");
  }

  /** The first line of postmaster.pid is the server's process id. */
  static Optional<ProcessHandle> postmaster(EmbeddedPostgresServer server) {
    try {
      List<String> lines = Files.readAllLines(server.dataDirectory().resolve("postmaster.pid"));
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static List<String> databases() {
    return java.util.Arrays.stream(Service.values()).map(Service::database).toList();
  }
}
