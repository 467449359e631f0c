package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jp.grants.grant.Api;
import org.junit.jupiter.api.Test;

/**
 * The platform's one Idempotency-Key, as grant-service answers it: the same grammar, refusals and
 * replays as the ledger and review-service (README, "Idempotency").
 */
@QuarkusTest
class IdempotencyKeyTest {
  private static final List<String> KYOTO = List.of("Kyoto University");

  @Test
  void shouldRefuseAMalformedKeyWith400IdempotencyKeyInvalid() {
    for (String key : List.of("has space", "k".repeat(201), "")) {
      Api.applicant()
          .header("Idempotency-Key", key)
          .body(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO))
          .post("/api/v1/grants")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("rule", equalTo("IDEMPOTENCY-KEY-INVALID"))
          .body("errors[0].field", equalTo("Idempotency-Key"));
    }
  }

  @Test
  void shouldAcceptAShortKeyOfVisibleAscii() {
    // the one grammar is 1 to 200 visible ASCII characters (grant-service asked for 8 or more)
    String key = "k+" + UUID.randomUUID().toString().substring(0, 4);
    Api.applicant()
        .header("Idempotency-Key", key)
        .body(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO))
        .post("/api/v1/grants")
        .then()
        .statusCode(201);
  }

  @Test
  void shouldRefuseAKeyReusedWithAnotherBodyWith422IdempotencyKeyReused() {
    String key = UUID.randomUUID().toString();
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    officer()
        .header("Idempotency-Key", key)
        .body(Map.of("eligible", true))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(200);
    officer()
        .header("Idempotency-Key", key)
        .body(Map.of("eligible", false, "note", "out of scope"))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"1\"");
  }

  @Test
  void shouldReplayTheFirstAnswerWithoutASecondEffect() {
    String key = UUID.randomUUID().toString();
    var body = Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO);
    Response first =
        Api.applicant().header("Idempotency-Key", key).body(body).post("/api/v1/grants");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    String grant = first.jsonPath().getString("grantId");
    long events = eventsOf(grant);
    Response again =
        Api.applicant().header("Idempotency-Key", key).body(body).post("/api/v1/grants");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(again.jsonPath().getString("grantId")).isEqualTo(grant);
    assertThat(eventsOf(grant)).isEqualTo(events).isEqualTo(1);
  }

  @Test
  void shouldHaveOneEffectForTwoIdenticalRequestsAtOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = UUID.randomUUID().toString();
      var body = Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO);
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Response>> calls =
          List.of(1, 2).stream()
              .map(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            await(start);
                            return Api.applicant()
                                .header("Idempotency-Key", key)
                                .body(body)
                                .post("/api/v1/grants");
                          }))
              .toList();
      start.countDown();
      Response a = calls.get(0).get();
      Response b = calls.get(1).get();
      assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
      assertThat(a.jsonPath().getString("grantId")).isEqualTo(b.jsonPath().getString("grantId"));
      assertThat(
              List.of(
                  String.valueOf(a.header("Idempotent-Replayed")),
                  String.valueOf(b.header("Idempotent-Replayed"))))
          .containsExactlyInAnyOrder("null", "true");
      assertThat(eventsOf(a.jsonPath().getString("grantId"))).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long eventsOf(String grant) {
    javax.sql.DataSource dataSource =
        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get();
    try (var c = dataSource.getConnection();
        var select =
            c.prepareStatement(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
      select.setString(1, grant);
      try (var rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
