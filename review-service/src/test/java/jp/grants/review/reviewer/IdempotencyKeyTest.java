package jp.grants.review.reviewer;

import static jp.grants.review.support.ReviewApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.ReviewApi;
import org.junit.jupiter.api.Test;

/**
 * The platform's one Idempotency-Key, as review-service answers it on the writes a retry could
 * double (registering a reviewer here; assigning and deciding alike): the same grammar, refusals
 * and replays as grant-service and the ledger (README, "Idempotency").
 */
@QuarkusTest
class IdempotencyKeyTest {

  private static Map<String, Object> reviewer(String subject) {
    return Map.of(
        "subject",
        subject,
        "name",
        "Idem Potent",
        "affiliation",
        "Tohoku University",
        "country",
        "JP",
        "fields",
        List.of("physics"));
  }

  private static Response register(String key, Object body) {
    return as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/reviewers");
  }

  @Test
  void shouldRefuseAMalformedKeyWith400IdempotencyKeyInvalid() {
    String subject = "rev-" + UUID.randomUUID();
    for (String key : List.of("has space", "k".repeat(201), "")) {
      register(key, reviewer(subject))
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("rule", equalTo("IDEMPOTENCY-KEY-INVALID"))
          .body("errors[0].field", equalTo("Idempotency-Key"));
    }
    assertThat(reviewers(subject)).isZero();
  }

  @Test
  void shouldRefuseAKeyReusedWithAnotherBodyWith422IdempotencyKeyReused() {
    String key = UUID.randomUUID().toString();
    String other = "rev-" + UUID.randomUUID();
    register(key, reviewer("rev-" + UUID.randomUUID())).then().statusCode(201);
    register(key, reviewer(other))
        .then()
        .statusCode(422)
        .body("rule", equalTo("IDEMPOTENCY-KEY-REUSED"));
    assertThat(reviewers(other)).isZero();
  }

  @Test
  void shouldReplayTheFirstAnswerWithoutASecondEffect() {
    String key = UUID.randomUUID().toString();
    String subject = "rev-" + UUID.randomUUID();
    Response first = register(key, reviewer(subject));
    Response again = register(key, reviewer(subject));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    // without the key the second registration would be refused (409 REVIEWER-SUBJECT-UNIQUE)
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.asString()).isEqualTo(first.asString());
    assertThat(reviewers(subject)).isEqualTo(1);
  }

  @Test
  void shouldHaveOneEffectForTwoIdenticalRequestsAtOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = UUID.randomUUID().toString();
      String subject = "rev-" + UUID.randomUUID();
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Response>> calls =
          List.of(1, 2).stream()
              .map(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            awaitQuietly(start);
                            return register(key, reviewer(subject));
                          }))
              .toList();
      start.countDown();
      Response a = calls.get(0).get();
      Response b = calls.get(1).get();
      assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
      assertThat(a.jsonPath().getString("id")).isEqualTo(b.jsonPath().getString("id"));
      assertThat(reviewers(subject)).isEqualTo(1);
    }
  }

  private static void awaitQuietly(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long reviewers(String subject) {
    javax.sql.DataSource dataSource =
        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get();
    try (var c = dataSource.getConnection();
        var select = c.prepareStatement("SELECT count(*) FROM reviewer WHERE subject = ?")) {
      select.setString(1, subject);
      try (var rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
