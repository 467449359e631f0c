package jp.grants.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Memory;
import jp.grants.infra.FreePorts;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import jp.grants.launcher.Service;
import jp.grants.launcher.ServiceProcess;

/**
 * The whole system as the local run starts it (embedded PostgreSQL 17, a Kafka broker process of
 * its own, the three packaged services as processes with the launcher's JVM options), plus what the
 * benchmarks need to drive it: URLs, a token per role, JDBC connections to each service's database
 * on the same server, the broker's address and the services' process ids.
 *
 * <p>The services run from a copy of their packaged applications taken at start, so that a rebuild
 * of a service while the benchmarks run cannot change or break what is measured.
 */
public final class BenchSystem implements AutoCloseable {
  private static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

  /**
   * The benchmark's own JVM in the CPU samples: the load's client threads, its JIT and GC, its
   * pollers.
   */
  public static final String BENCH_JVM = "bench clients";

  private final LocalSystem local;
  private final Http http = new Http();
  private final RestClient load;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  private BenchSystem(LocalSystem local, RestClient.Kind loadClient) {
    this.local = local;
    this.load =
        loadClient == RestClient.Kind.JDK
            ? RestClient.jdk(http, local.config()::port)
            : new LeanHttp(local.config()::port);
  }

  /** The system with the lean client in the hot loops. */
  public static BenchSystem start(
      Path projectDirectory,
      Path workDirectory,
      List<String> javaOptions,
      Duration readyTimeout,
      Consumer<String> log) {
    return start(
        projectDirectory, workDirectory, javaOptions, readyTimeout, RestClient.Kind.LEAN, log);
  }

  /** {@code loadClient}: the HTTP client of the scenarios' hot loops. */
  public static BenchSystem start(
      Path projectDirectory,
      Path workDirectory,
      List<String> javaOptions,
      Duration readyTimeout,
      RestClient.Kind loadClient,
      Consumer<String> log) {
    Path apps = workDirectory.resolve("apps");
    copyPackagedServices(projectDirectory, apps);
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, FreePorts.next());
    }
    LocalSystemConfig config =
        new LocalSystemConfig(
            apps,
            workDirectory,
            Map.of(),
            ports,
            javaOptions,
            readyTimeout,
            line -> log.accept("[local-system] " + line));
    return new BenchSystem(LocalSystem.start(config), loadClient);
  }

  /**
   * Copies each service's {@code target/quarkus-app} to {@code <apps>/<module>/target/quarkus-app}.
   */
  private static void copyPackagedServices(Path projectDirectory, Path apps) {
    for (Service service : Service.values()) {
      Path source = service.runnableJar(projectDirectory).getParent();
      Path target = service.runnableJar(apps).getParent();
      if (!Files.isRegularFile(service.runnableJar(projectDirectory))) {
        throw new IllegalStateException(
            service.runnableJar(projectDirectory)
                + " is missing: package the services first (./mvnw -B -q install -DskipTests, which bench.sh does)");
      }
      deleteRecursively(target);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Path copy = target.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
      }
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  /** The JDK's HttpClient, for set-up calls. */
  public Http http() {
    return http;
  }

  /** The HTTP client of the hot loops (the lean one unless {@code --client jdk}). */
  public RestClient load() {
    return load;
  }

  public LocalSystem local() {
    return local;
  }

  public URI url(Service service, String path) {
    return URI.create("http://127.0.0.1:" + local.config().port(service) + path);
  }

  /** A bearer token for the role, whose subject is {@code bench-<role>}. */
  public String token(String role) {
    return tokens.computeIfAbsent(role, r -> local.keys().token("bench-" + r, r, TOKEN_VALIDITY));
  }

  /**
   * A new connection to the service's database (autocommit), on the same server the service uses.
   */
  public Connection connect(Service service) throws SQLException {
    var postgres = local.postgres();
    return DriverManager.getConnection(
        postgres.jdbcUrl(service.database()), postgres.username(), postgres.password());
  }

  public String bootstrapServers() {
    return local.bootstrapServers();
  }

  public ServiceProcess process(Service service) {
    return local.service(service);
  }

  /** The service's JVM process id (not the setsid wrapper's, should there be one). */
  public long javaPid(Service service) {
    return Memory.javaProcess(process(service).pid());
  }

  /**
   * The processes whose CPU time the benchmarks account for: each service's JVM, PostgreSQL (the
   * postmaster and its backends), the Kafka broker's JVM, and the benchmark's own JVM (the
   * clients).
   */
  public Map<String, Cpu.Root> processes() {
    Map<String, Cpu.Root> roots = new java.util.LinkedHashMap<>();
    for (Service service : Service.values()) {
      roots.put(service.moduleName(), new Cpu.Root(javaPid(service), false));
    }
    local
        .embeddedPostgres()
        .ifPresent(
            pg ->
                postmaster(pg.dataDirectory())
                    .ifPresent(pid -> roots.put("postgres", new Cpu.Root(pid, true))));
    local.kafkaBroker().ifPresent(broker -> roots.put("kafka", new Cpu.Root(broker.pid(), false)));
    roots.put(BENCH_JVM, new Cpu.Root(ProcessHandle.current().pid(), false));
    return roots;
  }

  public Cpu.Sample cpu() {
    return Cpu.sample(processes());
  }

  private static java.util.Optional<Long> postmaster(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      return lines.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  public List<Service> services() {
    return List.of(Service.values());
  }

  @Override
  public void close() {
    load.close();
    local.stop();
  }
}
