package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static jp.grants.systemtests.Clients.id;
import static jp.grants.systemtests.Clients.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import jp.grants.infra.FreePorts;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import jp.grants.launcher.Service;
import jp.grants.launcher.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of every service on one database and one broker: Axon's token claims in PostgreSQL
 * split the streaming processors' segments, Kafka's consumer groups split the partitions. Killing
 * one instance of the grant- and ledger-service midway loses nothing and does nothing twice: every
 * event is published, every disbursement is paid once, every review opens once, and the read model
 * and ledger agree with the histories.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {
  private static final int GRANTS = 12;
  private LocalSystem system;
  private Clients first;
  private final Map<Service, ServiceProcess> second = new java.util.EnumMap<>(Service.class);

  @BeforeAll
  void startTwoInstancesOfEachService() {
    system =
        LocalSystem.start(
            LocalSystemConfig.isolated(
                ProjectFiles.root(),
                ProjectFiles.file("system-tests/target/scale-out"),
                Duration.ofSeconds(180)));
    first = new Clients(system);
    second.put(Service.LEDGER, system.startInstance(Service.LEDGER, FreePorts.next()));
    second.put(Service.REVIEW, system.startInstance(Service.REVIEW, FreePorts.next()));
    // behind a load balancer both would reach any ledger; here the second talks to the second
    second.put(
        Service.GRANT,
        system.startInstance(
            Service.GRANT,
            FreePorts.next(),
            Map.of(
                "QUARKUS_REST_CLIENT_LEDGER_URL",
                "http://127.0.0.1:" + second.get(Service.LEDGER).port())));
    system.awaitReady(second.values(), Duration.ofSeconds(180));
  }

  @AfterAll
  void stop() {
    if (system != null) {
      system.stop();
    }
  }

  private io.restassured.specification.RequestSpecification on(
      ServiceProcess instance, String subject, String role) {
    return io.restassured.RestAssured.given()
        .baseUri(instance.url().toString())
        .auth()
        .oauth2(system.keys().token(subject, role))
        .contentType(io.restassured.http.ContentType.JSON);
  }

  @Test
  void shouldShareTheWorkAndDoEverythingOnceWhenAnInstanceIsKilled() throws Exception {
    ServiceProcess grantA = system.service(Service.GRANT);
    ServiceProcess grantB = second.get(Service.GRANT);
    List<UUID> grants = new ArrayList<>();
    Map<UUID, String> disbursements = new java.util.HashMap<>();
    for (int i = 0; i < GRANTS; i++) {
      ServiceProcess via = i % 2 == 0 ? grantA : grantB;
      if (i == GRANTS / 2) {
        // Half-way: the first grant-service and ledger-service instances crash.
        grantA.kill();
        system.service(Service.LEDGER).kill();
      }
      if (!grantA.isAlive()) {
        via = grantB;
      }
      UUID grant =
          id(
              on(via, "applicant-" + i, "applicant")
                  .body(proposal("SATREPS", 2030, 3, 30_000_000L, "Hokkaido University"))
                  .post("/api/v1/grants")
                  .then()
                  .statusCode(201)
                  .extract()
                  .path("grantId"));
      on(via, "po-1", "program-officer")
          .body(Map.of("eligible", true))
          .post("/api/v1/grants/" + grant + "/screening")
          .then()
          .statusCode(200);
      on(via, "po-1", "program-officer")
          .body(Map.of("reason", "selected with JICA"))
          .post("/api/v1/grants/" + grant + "/award")
          .then()
          .statusCode(200);
      String disbursement =
          on(via, "finance-1", "finance")
              .body(
                  Map.of(
                      "fiscalYear", 2030, "amountYen", 1_000_000 + i, "expenseCategory", "TRAVEL"))
              .post("/api/v1/grants/" + grant + "/disbursement-requests")
              .then()
              .statusCode(200)
              .extract()
              .path("disbursementId");
      grants.add(grant);
      disbursements.put(grant, disbursement);
    }
    assertThat(grantA.isAlive()).isFalse();

    for (UUID grant : grants) {
      String disbursement = disbursements.get(grant);
      eventually(
          on(grantB, "auditor-1", "auditor"),
          "/api/v1/grants/" + grant + "/disbursements",
          json ->
              "DISBURSED"
                  .equals(
                      json.getString(
                          "items.find { it.disbursementId == '" + disbursement + "' }.state")));
      JsonPath state = on(grantB, "auditor-1", "auditor").get("/api/v1/grants/" + grant).jsonPath();
      JsonPath paid =
          on(grantB, "auditor-1", "auditor")
              .queryParam("type", "FundsDisbursed")
              .get("/api/v1/audit/grants/" + grant + "/events")
              .jsonPath();
      assertThat(paid.getInt("total")).as("one FundsDisbursed for " + grant).isEqualTo(1);
      on(second.get(Service.LEDGER), "finance-1", "finance")
          .get("/api/v1/ledger/grants/" + grant)
          .then()
          .statusCode(200)
          .body("disbursedYen", org.hamcrest.Matchers.equalTo(state.getInt("disbursedYen")));
    }
    assertEveryStoredEventWasPublished(grantB, grants);
    assertEachReviewOpenedOnce(grants);
    eventually(
        on(grantB, "auditor-1", "auditor")
            .queryParam("program", "SATREPS")
            .queryParam("fiscalYear", 2030),
        "/api/v1/audit/reconciliation",
        json -> json.getInt("differences") == 0 && json.getInt("grantsChecked") == GRANTS);
    await()
        .atMost(Clients.EVENTUALLY)
        .untilAsserted(
            () -> {
              JsonPath list =
                  on(grantB, "po-1", "program-officer")
                      .queryParam("institution", "Hokkaido University")
                      .queryParam("size", 100)
                      .get("/api/v1/grants")
                      .jsonPath();
              assertThat(list.getInt("total")).isEqualTo(GRANTS);
              assertThat(list.getList("items.disbursedYen", Integer.class))
                  .allMatch(amount -> amount >= 1_000_000);
            });
  }

  /** Every event in the store is on grant-events (a takeover may send one twice: same id). */
  private void assertEveryStoredEventWasPublished(ServiceProcess grantService, List<UUID> grants) {
    Set<String> stored = new HashSet<>();
    for (UUID grant : grants) {
      stored.addAll(
          on(grantService, "auditor-1", "auditor")
              .queryParam("size", 1000)
              .get("/api/v1/audit/grants/" + grant + "/events")
              .jsonPath()
              .getList("events.eventId", String.class));
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "scale-out-check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Set<String> published = new HashSet<>();
    try (var consumer = new KafkaConsumer<String, String>(p)) {
      consumer.subscribe(List.of("grant-events"));
      await()
          .atMost(Clients.EVENTUALLY)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(500))) {
                  published.add(new JsonPath(record.value()).getString("id"));
                }
                return published.containsAll(stored);
              });
    }
    assertThat(published).containsAll(stored);
    assertThat(stored).hasSizeGreaterThanOrEqualTo(GRANTS * 5);
  }

  private void assertEachReviewOpenedOnce(List<UUID> grants) {
    for (UUID grant : grants) {
      eventually(
          first
              .reviews("po-1", "program-officer")
              .queryParam("grantId", grant.toString())
              .queryParam("kind", "SELECTION"),
          "/api/v1/reviews",
          json -> json.getList("$").size() == 1);
    }
  }
}
