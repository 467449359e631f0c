package jp.grants.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSystemConfigTest {
  private static final Path PROJECT = Path.of("/checkout");

  @Test
  void shouldUseEachServicesOwnPortUnlessTheEnvironmentMovesIt() {
    LocalSystemConfig config =
        LocalSystemConfig.fromEnvironment(PROJECT, Map.of("REVIEW_SERVICE_PORT", "18082"));

    assertThat(config.port(Service.GRANT)).isEqualTo(8081);
    assertThat(config.port(Service.REVIEW)).isEqualTo(18082);
    assertThat(config.port(Service.LEDGER)).isEqualTo(8083);
    assertThat(config.workDirectory()).isEqualTo(PROJECT.resolve(".local"));
  }

  @Test
  void shouldKeepTheRunInTheDirectoryTheEnvironmentNames() {
    assertThat(
            LocalSystemConfig.fromEnvironment(PROJECT, Map.of("LOCAL_RUN_DIRECTORY", "/tmp/run-a"))
                .workDirectory())
        .isEqualTo(Path.of("/tmp/run-a"));
    assertThat(
            LocalSystemConfig.fromEnvironment(PROJECT, Map.of("LOCAL_RUN_DIRECTORY", "runs/b"))
                .workDirectory())
        .isEqualTo(PROJECT.resolve("runs/b"));
  }

  @Test
  void shouldRefuseAPortThatIsNotAPortNumberNamingTheVariable() {
    assertThatThrownBy(
            () ->
                LocalSystemConfig.fromEnvironment(PROJECT, Map.of("LEDGER_SERVICE_PORT", "80833")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LEDGER_SERVICE_PORT")
        .hasMessageContaining("80833");
    assertThatThrownBy(
            () -> LocalSystemConfig.fromEnvironment(PROJECT, Map.of("GRANT_SERVICE_PORT", "http")))
        .hasMessageContaining("GRANT_SERVICE_PORT");
  }

  @Test
  void shouldUseAnExternalDatabaseOrBrokerOnlyWhenOneIsNamed() {
    LocalSystemConfig own =
        LocalSystemConfig.fromEnvironment(PROJECT, Map.of("KAFKA_BOOTSTRAP_SERVERS", " "));
    LocalSystemConfig given =
        LocalSystemConfig.fromEnvironment(
            PROJECT,
            Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://db:5432/postgres",
                "KAFKA_BOOTSTRAP_SERVERS",
                "kafka:9092"));

    assertThat(own.externalJdbcUrl()).isEmpty();
    assertThat(own.externalBootstrapServers()).isEmpty();
    assertThat(given.externalJdbcUrl()).contains("jdbc:postgresql://db:5432/postgres");
    assertThat(given.externalBootstrapServers()).contains("kafka:9092");
  }

  @Test
  void shouldIsolateTestRunsFromTheEnvironmentAndTheUsualPorts() {
    LocalSystemConfig config =
        LocalSystemConfig.isolated(
            PROJECT, PROJECT.resolve("target/run"), LocalSystemConfig.DEFAULT_READY_TIMEOUT);

    assertThat(config.environment()).isEmpty();
    assertThat(config.ports().values())
        .doesNotHaveDuplicates()
        .doesNotContain(
            Service.GRANT.defaultPort(),
            Service.REVIEW.defaultPort(),
            Service.LEDGER.defaultPort());
  }

  @Test
  void shouldNameTokenVariablesAfterTheRole() {
    assertThat(Tokens.variableName("program-officer")).isEqualTo("TOKEN_PROGRAM_OFFICER");
    assertThat(Tokens.ROLES).hasSize(7).contains("applicant", "committee-chair", "admin");
  }
}
