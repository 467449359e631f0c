package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static jp.grants.systemtests.Clients.id;
import static jp.grants.systemtests.Clients.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.grants.infra.EmbeddedPostgresServer;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import jp.grants.launcher.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL stopped while every service is under load (issue 17): {@value #CLIENTS} concurrent
 * clients per service keep sending a write each (grant-service a proposal, review-service a
 * reviewer, ledger-service a disbursement). Each write is answered either as usual or {@code 503}
 * with {@code Retry-After} and a problem body — never a 500 — and nothing is lost or done twice:
 * every write refused with 503 succeeds when sent again afterwards as a first request, every write
 * that succeeded is only replayed (with the id it was first answered with), and what is stored is
 * counted against what was acknowledged: one grant per proposal key, one reviewer per login, the
 * ledger's paid sum one payment per key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {
  private static final String APPLICANT = "applicant-outage";
  private static final String PO = "po-outage";
  private static final String ADMIN = "admin-outage";
  private static final String FINANCE = "finance-outage";
  private static final long PAYMENT_YEN = 1_000;
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  /** Concurrent clients per service. */
  static final int CLIENTS = 4;

  /**
   * Each client's writes a tenth of a second apart: some 40 writes a second per service, from
   * concurrent clients (the reviewer registry lists 1,000 at most: the count below needs fewer).
   */
  private static final long PAUSE_MILLIS = 100;

  /** The principal investigator of the proposals sent during the test, to count them by. */
  private static final String OUTAGE_PI = "Hanako Outage";

  private static final String PLAN =
      java.util.stream.IntStream.range(2025, 2030)
          .mapToObj(year -> "{\"fiscalYear\":" + year + ",\"amountYen\":100000000}")
          .collect(java.util.stream.Collectors.joining(","));

  private LocalSystem system;
  private Clients api;
  private UUID grant;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One write as a client sent it, every answer it got, and the id of the first success. */
  private record Write(
      Service service, String key, String body, List<Integer> statuses, List<String> ids) {}

  private record Answer(int status, String body, String retryAfter, String contentType) {}

  @BeforeAll
  void startTheWholeSystem() {
    system =
        LocalSystem.start(
            LocalSystemConfig.isolated(
                ProjectFiles.root(),
                ProjectFiles.file("system-tests/target/database-outage"),
                Duration.ofSeconds(180)));
    api = new Clients(system);
    grant =
        id(
            api.grants(APPLICANT, "applicant")
                .body(proposal("ASPIRE", 2025, 5, 100_000_000L, "Tohoku University"))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    api.grants(PO, "program-officer")
        .body(Map.of("eligible", true))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(200);
    api.grants(PO, "program-officer")
        .body(Map.of("reason", "selected by the funder's panel"))
        .post("/api/v1/grants/" + grant + "/award")
        .then()
        .statusCode(200);
    eventually(
        api.ledger(FINANCE, "finance"),
        "/api/v1/ledger/grants/" + grant,
        json -> json.getLong("totalCapYen") > 0);
  }

  @AfterAll
  void stopTheWholeSystem() {
    if (system != null) {
      system.stop();
    }
  }

  @Test
  void shouldAnswerEveryWrite503WhileTheDatabaseIsAwayAndLoseOrDoubleNothing() throws Exception {
    EmbeddedPostgresServer postgres = system.embeddedPostgres().orElseThrow();
    AtomicBoolean running = new AtomicBoolean(true);
    Map<Service, List<Write>> writes = new EnumMap<>(Service.class);
    Map<Service, List<Answer>> answers = new EnumMap<>(Service.class);
    Map<Service, AtomicInteger> okAfterRestart = new EnumMap<>(Service.class);
    AtomicBoolean restarted = new AtomicBoolean(false);
    ExecutorService clients = Executors.newFixedThreadPool(Service.values().length * CLIENTS);
    List<Future<?>> loops = new ArrayList<>();
    for (Service service : Service.values()) {
      writes.put(service, Collections.synchronizedList(new ArrayList<>()));
      answers.put(service, Collections.synchronizedList(new ArrayList<>()));
      okAfterRestart.put(service, new AtomicInteger());
    }
    for (Service service : Service.values()) {
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        loops.add(
            clients.submit(
                () -> {
                  int n = 0;
                  while (running.get()) {
                    Write write = newWrite(service, client + "-" + n++);
                    Answer answer = send(write);
                    record(write, answer);
                    writes.get(service).add(write);
                    answers.get(service).add(answer);
                    if (restarted.get() && answer.status() < 300) {
                      okAfterRestart.get(service).incrementAndGet();
                    }
                    Thread.sleep(PAUSE_MILLIS);
                  }
                  return null;
                }));
      }
    }
    try {
      awaitAnswers(answers, 5 * CLIENTS, "answers before the outage");
      postgres.stop();
      try {
        Thread.sleep(OUTAGE.toMillis());
      } finally {
        postgres.start();
        restarted.set(true);
      }
      await("every service writing again after the database returned")
          .atMost(Duration.ofSeconds(90))
          .until(() -> okAfterRestart.values().stream().allMatch(ok -> ok.get() >= 3 * CLIENTS));
    } finally {
      running.set(false);
      for (Future<?> loop : loops) {
        loop.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }

    for (Service service : Service.values()) {
      List<Answer> seen = List.copyOf(answers.get(service));
      assertThat(seen)
          .as(service + ": no 5xx but 503")
          .noneMatch(a -> a.status() >= 500 && a.status() != 503);
      assertThat(seen)
          .as(service + ": every answer a success or 503")
          .allMatch(a -> a.status() == 503 || a.status() / 100 == 2);
      List<Answer> refused = seen.stream().filter(a -> a.status() == 503).toList();
      assertThat(refused)
          .as(service + ": the outage was met (some writes answered 503)")
          .isNotEmpty();
      assertThat(refused)
          .as(service + ": every 503 says when to retry, in a problem body naming what is away")
          .allMatch(
              a ->
                  a.retryAfter() != null
                      && Integer.parseInt(a.retryAfter()) > 0
                      && a.contentType() != null
                      && a.contentType().startsWith("application/problem+json")
                      && new JsonPath(a.body()).getString("detail").contains("database"));
    }

    // Nothing lost, nothing doubled: a refused write is a first request now; a done one is only
    // replayed.
    Map<Service, Set<String>> created = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      created.put(service, new HashSet<>());
      Map<String, String> firstIds = new HashMap<>();
      for (Write write : List.copyOf(writes.get(service))) {
        boolean done = write.statuses().get(0) / 100 == 2;
        Answer again = send(write);
        record(write, again);
        if (done && service == Service.REVIEW) {
          assertThat(again.status())
              .as("a login registered during the test is registered once: " + again.body())
              .isEqualTo(409);
        } else if (done) {
          assertThat(again.status())
              .as(service + " resending a done write " + write.key() + ": " + again.body())
              .isEqualTo(write.statuses().get(0));
        } else {
          assertThat(again.status())
              .as(service + " sending a refused write again " + write.key() + ": " + again.body())
              .isEqualTo(201);
        }
        if (service != Service.REVIEW) {
          String id =
              new JsonPath(again.body())
                  .getString(service == Service.GRANT ? "grantId" : "disbursementId");
          assertThat(firstIds.putIfAbsent(write.key(), id)).as("one id per key").isNull();
          assertThat(id)
              .as(service + " " + write.key() + ": the id it was first acknowledged with")
              .isEqualTo(write.ids().get(0));
          created.get(service).add(id);
        }
      }
      if (service != Service.REVIEW) {
        assertThat(created.get(service))
            .as(service + ": one resource per key")
            .hasSize(writes.get(service).size());
      }
    }
    JsonPath account =
        api.ledger(FINANCE, "finance")
            .get("/api/v1/ledger/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(account.getLong("disbursedYen"))
        .as("the ledger paid each key exactly once")
        .isEqualTo(PAYMENT_YEN * writes.get(Service.LEDGER).size());
    for (String grantId : created.get(Service.GRANT)) {
      api.grants(APPLICANT, "applicant").get("/api/v1/grants/" + grantId).then().statusCode(200);
    }
    int proposals = writes.get(Service.GRANT).size();
    await("the grant list counts one grant per proposal key")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        api.grants(PO, "program-officer")
                            .queryParam("pi", OUTAGE_PI)
                            .queryParam("size", 1)
                            .get("/api/v1/grants")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getInt("total"))
                    .isEqualTo(proposals));
    List<String> subjects = writes.get(Service.REVIEW).stream().map(Write::key).toList();
    JsonPath reviewers =
        api.reviews(ADMIN, "admin")
            .get("/api/v1/reviewers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> registered = reviewers.getList("subject", String.class);
    assertThat(registered).as("the registry's list is not cut off at 1,000").hasSizeLessThan(1000);
    assertThat(registered)
        .as("every login registered, once")
        .containsAll(subjects)
        .doesNotHaveDuplicates();
    assertThat(registered.stream().filter(s -> s.startsWith("outage-review-")))
        .as("no login registered that no client sent")
        .hasSize(subjects.size());
  }

  private void awaitAnswers(Map<Service, List<Answer>> answers, int each, String what) {
    await(what)
        .atMost(Duration.ofSeconds(60))
        .until(() -> answers.values().stream().allMatch(list -> list.size() >= each));
  }

  /** The id a success names (a grant, a disbursement; a reviewer's login), kept in order. */
  private static void record(Write write, Answer answer) {
    write.statuses().add(answer.status());
    if (answer.status() / 100 == 2) {
      String id =
          switch (write.service()) {
            case GRANT -> new JsonPath(answer.body()).getString("grantId");
            case LEDGER -> new JsonPath(answer.body()).getString("disbursementId");
            case REVIEW -> write.key();
          };
      write.ids().add(id);
    }
  }

  private Write newWrite(Service service, String n) {
    String key = "outage-" + service.name().toLowerCase() + "-" + n + "-" + UUID.randomUUID();
    String body =
        switch (service) {
          case GRANT ->
              "{\"programCode\":\"ASPIRE\",\"title\":\"Outage proposal "
                  + n
                  + "\",\"summary\":\"s\","
                  + "\"principalInvestigator\":{\"name\":\""
                  + OUTAGE_PI
                  + "\",\"institution\":\"Tohoku University\","
                  + "\"country\":\"JP\"},\"hostInstitutions\":[\"Tohoku University\"],\"startFiscalYear\":2025,"
                  + "\"durationYears\":5,\"requestedPlan\":["
                  + PLAN
                  + "]}";
          case REVIEW ->
              "{\"subject\":\""
                  + key
                  + "\",\"name\":\"Reviewer "
                  + n
                  + "\",\"affiliation\":\"Kyoto University\","
                  + "\"country\":\"JP\",\"fields\":[\"physics\"]}";
          case LEDGER ->
              "{\"grantId\":\""
                  + grant
                  + "\",\"fiscalYear\":2025,\"amountYen\":"
                  + PAYMENT_YEN
                  + ",\"expenseCategory\":\"TRAVEL\"}";
        };
    return new Write(
        service,
        key,
        body,
        Collections.synchronizedList(new ArrayList<>()),
        Collections.synchronizedList(new ArrayList<>()));
  }

  private Answer send(Write write) {
    String path =
        switch (write.service()) {
          case GRANT -> "/api/v1/grants";
          case REVIEW -> "/api/v1/reviewers";
          case LEDGER -> "/api/v1/ledger/disbursements";
        };
    String token =
        switch (write.service()) {
          case GRANT -> system.keys().token(APPLICANT, "applicant");
          case REVIEW -> system.keys().token(ADMIN, "admin");
          case LEDGER -> system.keys().token(FINANCE, "finance");
        };
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(system.service(write.service()).url() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write.body()));
    if (write.service() != Service.REVIEW) {
      request.header("Idempotency-Key", write.key());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Content-Type").orElse(null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "no answer from " + write.service() + " (a timeout is a failure too)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
