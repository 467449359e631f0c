package jp.grants.ledger.disbursement;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's one Idempotency-Key, as the ledger answers it: the same grammar, refusals and
 * replays as grant-service and review-service (README, "Idempotency").
 */
@QuarkusTest
class IdempotencyKeyTest {
  private static final String PATH = "/api/v1/ledger/disbursements";
  private static GrantEventsProducer producer;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
  }

  private static UUID grant() {
    return Awards.publish(
            producer, award("WPI", 150_000_000L, fy(2025, 100_000_000L), fy(2026, 100_000_000L)))
        .grantId();
  }

  private static Map<String, Object> body(UUID grantId, long amountYen) {
    return Map.of(
        "grantId",
        grantId.toString(),
        "fiscalYear",
        2025,
        "amountYen",
        amountYen,
        "expenseCategory",
        "TRAVEL",
        "purpose",
        "idempotency");
  }

  private static Response post(String key, Object body) {
    var request =
        given().header("Authorization", Tokens.finance()).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post(PATH);
  }

  @Test
  void shouldRefuseAMissingOrMalformedKeyWith400IdempotencyKeyInvalid() {
    UUID grantId = grant();
    List<String> keys = new ArrayList<>(List.of("has space", "k".repeat(201), ""));
    keys.add(null);
    for (String key : keys) {
      post(key, body(grantId, 1_000L))
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("rule", equalTo("IDEMPOTENCY-KEY-INVALID"))
          .body("errors[0].field", equalTo("Idempotency-Key"));
    }
    given()
        .header("Authorization", Tokens.finance())
        .header("Idempotency-Key", "has space")
        .contentType(ContentType.JSON)
        .body(Map.of("fiscalYear", 2025, "amountYen", 1, "kind", "VOLUNTARY"))
        .post("/api/v1/ledger/grants/" + grantId + "/refunds")
        .then()
        .statusCode(400)
        .body("rule", equalTo("IDEMPOTENCY-KEY-INVALID"));
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId)).isZero();
  }

  @Test
  void shouldRefuseAKeyReusedWithAnotherBodyWith422IdempotencyKeyReused() {
    UUID grantId = grant();
    String key = UUID.randomUUID().toString();
    post(key, body(grantId, 1_000L)).then().statusCode(201);
    post(key, body(grantId, 2_000L))
        .then()
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    assertThat(Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(1_000L);
  }

  @Test
  void shouldReplayTheFirstAnswerWithoutASecondEffect() {
    UUID grantId = grant();
    String key = "k+" + UUID.randomUUID().toString().substring(0, 6); // short, visible ASCII
    Response first = post(key, body(grantId, 5_000L));
    Response again = post(key, body(grantId, 5_000L));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.asString()).isEqualTo(first.asString());
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId))
        .isEqualTo(1);
    assertThat(
            Db.number(
                "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?"
                    + " AND resource_id IS NOT NULL",
                key))
        .isEqualTo(1);
  }

  @Test
  void shouldHaveOneEffectForTwoIdenticalRequestsAtOnce() throws Exception {
    UUID grantId = grant();
    for (int round = 0; round < 5; round++) {
      String key = UUID.randomUUID().toString();
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Response>> calls =
          List.of(1, 2).stream()
              .map(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            awaitQuietly(start);
                            return post(key, body(grantId, 1_000L));
                          }))
              .toList();
      start.countDown();
      Response a = calls.get(0).get();
      Response b = calls.get(1).get();
      assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
      assertThat(a.jsonPath().getString("disbursementId"))
          .isEqualTo(b.jsonPath().getString("disbursementId"));
    }
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId))
        .isEqualTo(5);
    assertThat(Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId))
        .isEqualTo(5_000L);
  }

  private static void awaitQuietly(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
