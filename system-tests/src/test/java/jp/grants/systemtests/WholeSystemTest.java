package jp.grants.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import jp.grants.infra.EmbeddedPostgresServer;
import jp.grants.infra.KafkaBroker;
import jp.grants.launcher.Health;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import jp.grants.launcher.Service;
import jp.grants.launcher.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three packaged services together, as {@code run-local.sh} runs them, on an embedded
 * PostgreSQL and a Kafka broker of the test's own. One system start serves every test (starting
 * three JVMs is the expensive part); each test leaves the system whole again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemTest {
  /** Generous for a shared 2-core CI machine; every wait ends as soon as its condition holds. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(150);

  /**
   * How long one readiness request may take: each check answers within a few seconds, even in an
   * outage.
   */
  private static final Duration READINESS_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private LocalSystem system;
  private Map<Service, Long> pids;

  @BeforeAll
  void startTheWholeSystem() {
    system =
        LocalSystem.start(
            LocalSystemConfig.isolated(
                ProjectFiles.root(),
                ProjectFiles.file("system-tests/target/local-system"),
                START_TIMEOUT));
    pids = currentPids();
  }

  @AfterAll
  void stopTheWholeSystem() {
    if (system != null) {
      system.stop();
    }
  }

  @Test
  @Order(1)
  void shouldBringUpAllThreeServicesOnAnEmbeddedDatabaseAndABrokerOfItsOwn() throws Exception {
    assertThat(system.embeddedPostgres()).as("an embedded PostgreSQL of its own").isPresent();
    assertThat(system.kafkaBroker()).as("a Kafka broker of its own").isPresent();
    for (ServiceProcess service : system.services()) {
      Health ready = service.readiness();
      assertThat(ready.status()).as(service + " readiness: " + ready).isEqualTo(200);
      JsonPath body = new JsonPath(ready.body());
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getList("checks.name", String.class))
          .as(service + " readiness checks")
          .contains("Database connections health check", "Kafka broker", "Database schema");
      assertThat(service.liveness().status()).as(service + " liveness").isEqualTo(200);
    }
    for (Service service : Service.values()) {
      assertThat(tablesOf(service))
          .as("tables in " + service.database())
          .contains("flyway_schema_history", "outbox", "inbox");
    }
    try (Admin admin = system.kafkaBroker().orElseThrow().admin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(ProjectFiles.contractTopics());
    }
  }

  @Test
  @Order(2)
  void shouldAcceptItsTokenForEveryRoleAndRefuseACallWithoutOne() {
    assertThat(system.tokens().keySet())
        .as("one token per role of the platform")
        .containsExactlyInAnyOrderElementsOf(ProjectFiles.platformRoles());
    List<String> endpoints = new ArrayList<>();
    for (ServiceProcess service : system.services()) {
      for (String path : parameterlessGetPaths(service)) {
        String url = "http://127.0.0.1:" + service.port() + path;
        endpoints.add(url);
        given().get(url).then().statusCode(401);
        system
            .tokens()
            .forEach(
                (role, token) ->
                    assertThat(given().auth().oauth2(token).get(url).statusCode())
                        .as(role + " token on " + url)
                        .isNotEqualTo(401));
      }
    }
    assertThat(endpoints)
        .as("GET endpoints without path parameters in the services' OpenAPI documents")
        .isNotEmpty();
  }

  @Test
  @Order(3)
  void shouldReportTheDatabaseOutageAndRecoverByItselfWhenItReturns() {
    EmbeddedPostgresServer postgres = system.embeddedPostgres().orElseThrow();
    postgres.stop();
    String key = "outage-" + java.util.UUID.randomUUID();
    String body =
        "{\"grantId\":\""
            + java.util.UUID.randomUUID()
            + "\",\"fiscalYear\":2030,\"amountYen\":1000,"
            + "\"expenseCategory\":\"TRAVEL\"}";
    try {
      awaitReadiness(
          system.services(), downNaming("database"), "readiness DOWN naming the database");
      assertStillTheSameProcesses();
      // A disbursement needs the database: 503 with Retry-After and a problem naming it, never a
      // 500.
      var answer = disburse(key, body);
      assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isNotBlank();
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.jsonPath().getString("detail")).contains("database");
    } finally {
      postgres.start();
    }
    awaitReadiness(
        system.services(), Health::isUp, "readiness UP again after the database returned");
    assertStillTheSameProcesses();
    // Nothing of it was written: the same key is a first request now (the ledger knows no such
    // grant).
    await().atMost(CHANGE_TIMEOUT).until(() -> disburse(key, body).statusCode() == 404);
  }

  private io.restassured.response.Response disburse(String key, String body) {
    ServiceProcess ledger =
        system.services().stream()
            .filter(s -> s.service() == Service.LEDGER)
            .findFirst()
            .orElseThrow();
    return given()
        .auth()
        .oauth2(system.tokens().get("finance"))
        .header("Idempotency-Key", key)
        .contentType("application/json")
        .body(body)
        .post("http://127.0.0.1:" + ledger.port() + "/api/v1/ledger/disbursements");
  }

  @Test
  @Order(4)
  void shouldReportTheKafkaOutageAndRecoverByItselfWhenItReturns() {
    KafkaBroker kafka = system.kafkaBroker().orElseThrow();
    kafka.kill();
    try {
      awaitReadiness(system.services(), downNaming("kafka"), "readiness DOWN naming Kafka");
      assertStillTheSameProcesses();
    } finally {
      kafka.start();
    }
    awaitReadiness(system.services(), Health::isUp, "readiness UP again after Kafka returned");
    assertStillTheSameProcesses();
  }

  @Test
  @Order(5)
  void shouldStartWithoutItsDatabaseAndBecomeReadyWhenTheDatabaseStarts() {
    List<ServiceProcess> services = system.services();
    services.forEach(ServiceProcess::requestStop);
    services.forEach(service -> service.awaitStop(30));
    EmbeddedPostgresServer postgres = system.embeddedPostgres().orElseThrow();
    postgres.stop();
    try {
      services.forEach(ServiceProcess::start);
      services.forEach(WholeSystemTest::awaitLiveness);
      awaitReadiness(
          services, downNaming("database"), "readiness DOWN naming the database while it is away");
      assertThat(services).allMatch(ServiceProcess::isAlive, "every service still running");
    } finally {
      postgres.start();
    }
    awaitReadiness(services, Health::isUp, "readiness UP once the database started");
    assertThat(services).allMatch(ServiceProcess::isAlive, "every service still running");
    pids = currentPids();
  }

  /** 503 with a DOWN check whose name mentions the part that is away. */
  private static Predicate<Health> downNaming(String part) {
    return health -> {
      if (health.status() != 503) {
        return false;
      }
      JsonPath body = new JsonPath(health.body());
      List<Map<String, Object>> checks = body.getList("checks");
      return "DOWN".equals(body.getString("status"))
          && checks.stream()
              .anyMatch(
                  check ->
                      "DOWN".equals(check.get("status"))
                          && String.valueOf(check.get("name"))
                              .toLowerCase(Locale.ROOT)
                              .contains(part));
    };
  }

  /** Waits for every service at once (each wait may be long), failing with the first failure. */
  private static void awaitReadiness(
      List<ServiceProcess> services, Predicate<Health> expected, String what) {
    // Own threads: the common pool has a single thread on a 2-core machine.
    ExecutorService threads = Executors.newFixedThreadPool(services.size());
    try {
      List<CompletableFuture<Void>> waits =
          services.stream()
              .map(
                  service ->
                      CompletableFuture.runAsync(
                          () -> awaitReadiness(service, expected, what), threads))
              .toList();
      for (CompletableFuture<Void> wait : waits) {
        try {
          wait.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof AssertionError failure) {
            throw failure;
          }
          throw e;
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Waits for the readiness endpoint to say what is expected. Fails at once if the process exits;
   * on timeout says what readiness last answered and shows the service's log.
   */
  private static void awaitReadiness(
      ServiceProcess service, Predicate<Health> expected, String what) {
    AtomicReference<Health> last = new AtomicReference<>();
    try {
      await()
          .atMost(CHANGE_TIMEOUT)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                assertThat(service.isAlive())
                    .as(
                        service
                            + " exited (code "
                            + service.exitCode().orElse(-1)
                            + ") while waiting for "
                            + what
                            + "; its log:\n"
                            + service.tailLog(40))
                    .isTrue();
                Health health = service.readiness(READINESS_REQUEST_TIMEOUT);
                last.set(health);
                return expected.test(health);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          service
              + ": no "
              + what
              + " within "
              + CHANGE_TIMEOUT.toSeconds()
              + " s; readiness last said "
              + last.get()
              + "\nLast lines of its log:\n"
              + service.tailLog(40),
          e);
    }
  }

  /** Started, not hanging in start-up: Quarkus answers liveness once the application is up. */
  private static void awaitLiveness(ServiceProcess service) {
    try {
      await()
          .atMost(CHANGE_TIMEOUT)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                assertThat(service.isAlive())
                    .as(
                        service
                            + " exited at start-up without its database; its log:\n"
                            + service.tailLog(40))
                    .isTrue();
                return service.liveness().isUp();
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          service
              + " did not come up without its database within "
              + CHANGE_TIMEOUT.toSeconds()
              + " s\nLast lines of its log:\n"
              + service.tailLog(40),
          e);
    }
  }

  private void assertStillTheSameProcesses() {
    for (ServiceProcess service : system.services()) {
      assertThat(service.isAlive())
          .as(service + " is running; its log:\n" + service.tailLog(40))
          .isTrue();
    }
    assertThat(currentPids()).as("no service was restarted").isEqualTo(pids);
  }

  private Map<Service, Long> currentPids() {
    Map<Service, Long> current = new EnumMap<>(Service.class);
    system.services().forEach(service -> current.put(service.service(), service.pid()));
    return current;
  }

  private List<String> tablesOf(Service service) throws Exception {
    var postgres = system.postgres();
    List<String> tables = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(service.database()), postgres.username(), postgres.password());
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  /** Paths with a GET operation and no path parameter, from the service's OpenAPI document. */
  private static List<String> parameterlessGetPaths(ServiceProcess service) {
    JsonPath openApi =
        given()
            .accept("application/json")
            .get("http://127.0.0.1:" + service.port() + "/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = openApi.getMap("paths");
    List<String> result = new ArrayList<>();
    if (paths != null) {
      paths.forEach(
          (path, operations) -> {
            if (!path.contains("{") && operations.containsKey("get")) {
              result.add(path);
            }
          });
    }
    return result;
  }
}
