package jp.grants.launcher;

import java.nio.file.Path;

/**
 * The three services of the system: where their packaged application is, their port, their
 * database.
 */
public enum Service {
  GRANT("grant-service", 8081, "grants_grant", "GRANT_SERVICE_PORT"),
  REVIEW("review-service", 8082, "grants_review", "REVIEW_SERVICE_PORT"),
  LEDGER("ledger-service", 8083, "grants_ledger", "LEDGER_SERVICE_PORT");

  private final String moduleName;
  private final int defaultPort;
  private final String database;
  private final String portVariable;

  Service(String moduleName, int defaultPort, String database, String portVariable) {
    this.moduleName = moduleName;
    this.defaultPort = defaultPort;
    this.database = database;
    this.portVariable = portVariable;
  }

  /** The Maven module, also the service's {@code quarkus.application.name}. */
  public String moduleName() {
    return moduleName;
  }

  /** Its {@code quarkus.http.port}. */
  public int defaultPort() {
    return defaultPort;
  }

  /** One database per service: no service reads another's tables. */
  public String database() {
    return database;
  }

  /** The environment variable that moves it to another port on this machine. */
  public String portVariable() {
    return portVariable;
  }

  /** The fast-jar launcher Quarkus packages, under the project directory. */
  public Path runnableJar(Path projectDirectory) {
    return projectDirectory.resolve(moduleName).resolve("target/quarkus-app/quarkus-run.jar");
  }

  @Override
  public String toString() {
    return moduleName;
  }
}
