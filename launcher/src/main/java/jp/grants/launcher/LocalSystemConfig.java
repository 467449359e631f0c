package jp.grants.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.grants.infra.FreePorts;

/**
 * What a local system is made of.
 *
 * @param projectDirectory the root of the checkout, where {@code <service>/target/quarkus-app} is
 * @param workDirectory logs and tokens go here ({@code .local} for local runs)
 * @param environment where an external PostgreSQL ({@code QUARKUS_DATASOURCE_JDBC_URL}, {@code
 *     _USERNAME}, {@code _PASSWORD}) or Kafka ({@code KAFKA_BOOTSTRAP_SERVERS}) is named; without
 *     them the system starts its own
 * @param ports the HTTP port of each service
 * @param javaOptions JVM options of each service process
 * @param readyTimeout how long each service may take to become ready
 * @param progress receives one line per step
 */
public record LocalSystemConfig(
    Path projectDirectory,
    Path workDirectory,
    Map<String, String> environment,
    Map<Service, Integer> ports,
    List<String> javaOptions,
    Duration readyTimeout,
    Consumer<String> progress) {

  /** Where a local run keeps its logs, tokens and run record. */
  public static final String WORK_DIRECTORY_VARIABLE = "LOCAL_RUN_DIRECTORY";

  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

  /** Three services on a small laptop: each gets a modest heap. */
  public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xmx384m");

  public LocalSystemConfig {
    environment = Map.copyOf(environment);
    ports = Map.copyOf(ports);
    javaOptions = List.copyOf(javaOptions);
    for (Service service : Service.values()) {
      if (!ports.containsKey(service)) {
        throw new IllegalArgumentException("no port for " + service);
      }
    }
  }

  /**
   * For {@code run-local.sh}: the developer's environment, the services' usual ports unless
   * overridden.
   */
  public static LocalSystemConfig fromEnvironment(
      Path projectDirectory, Map<String, String> environment) {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, port(environment, service));
    }
    return new LocalSystemConfig(
        projectDirectory,
        workDirectory(projectDirectory, environment),
        environment,
        ports,
        DEFAULT_JAVA_OPTIONS,
        DEFAULT_READY_TIMEOUT,
        System.out::println);
  }

  /**
   * For tests: always an embedded PostgreSQL and a broker of its own (whatever the environment
   * says), services on free ports so a developer's running system is not disturbed.
   */
  public static LocalSystemConfig isolated(
      Path projectDirectory, Path workDirectory, Duration readyTimeout) {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, FreePorts.next());
    }
    return new LocalSystemConfig(
        projectDirectory,
        workDirectory,
        Map.of(),
        ports,
        DEFAULT_JAVA_OPTIONS,
        readyTimeout,
        line -> System.out.println("[local-system] " + line));
  }

  /** {@code LOCAL_RUN_DIRECTORY} if set (relative to the checkout), else {@code .local}. */
  static Path workDirectory(Path projectDirectory, Map<String, String> environment) {
    String value = environment.get(WORK_DIRECTORY_VARIABLE);
    return projectDirectory.resolve(value == null || value.isBlank() ? ".local" : value.trim());
  }

  static int port(Map<String, String> environment, Service service) {
    String value = environment.get(service.portVariable());
    if (value == null || value.isBlank()) {
      return service.defaultPort();
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          service.portVariable() + " must be a TCP port number (1-65535), was '" + value + "'");
    }
  }

  public int port(Service service) {
    return ports.get(service);
  }

  public Optional<String> externalJdbcUrl() {
    return nonBlank("QUARKUS_DATASOURCE_JDBC_URL");
  }

  public Optional<String> externalBootstrapServers() {
    return nonBlank("KAFKA_BOOTSTRAP_SERVERS");
  }

  public Optional<String> variable(String name) {
    return nonBlank(name);
  }

  private Optional<String> nonBlank(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
  }
}
