package jp.grants.ledger.disbursement;

import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Storm;
import org.junit.jupiter.api.Test;

/**
 * Saturation is backpressure: with the engine's queue full, a request is answered at once with 503,
 * Retry-After and a problem body, and nothing of it is written; the same request sent again later
 * is carried out as a first request. (A small queue, and the database made to hold the engine's
 * first batch, make the saturation certain.)
 */
@QuarkusTest
@TestProfile(DisbursementOverloadTest.SmallEngine.class)
class DisbursementOverloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE = 8;
  private static final int BATCH = 4;
  private static final int CALLS = 60;

  /** A queue of 8 and batches of 4. */
  public static class SmallEngine implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "grants.ledger.engine.queue-capacity",
          String.valueOf(QUEUE),
          "grants.ledger.engine.max-batch",
          String.valueOf(BATCH),
          "grants.ledger.engine.max-wait",
          "60s",
          "grants.ledger.engine.retry-after-seconds",
          "2");
    }
  }

  @TestHTTPResource("/api/v1/ledger/disbursements")
  URL endpoint;

  @Test
  void shouldAnswer503WithRetryAfterAndWriteNothingWhenTheQueueIsFull() throws Exception {
    Ledger.setBudget("WPI", 2080, 1_000_000_000L);
    GrantAwarded grant;
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      grant = Awards.publish(producer, award("WPI", 100_000_000L, fy(2080, 100_000_000L)));
    }
    List<Storm.Call> calls =
        IntStream.range(0, CALLS).mapToObj(i -> Storm.call(grant.grantId(), 2080, 1_000)).toList();
    Storm storm = new Storm(endpoint.toURI());
    List<CompletableFuture<Storm.Answer>> answers;
    List<Storm.Answer> refused;
    // Hold the grant's row: the engine's first batch waits for it, the queue behind it fills up.
    try (Connection holder = Db.dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("SELECT 1 FROM grant_account WHERE grant_id = ? FOR UPDATE")) {
        lock.setObject(1, grant.grantId());
        lock.executeQuery().close();
      }
      answers = storm.start(calls);
      // At most BATCH are held by the database and QUEUE wait: the others are answered at once.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  answers.stream().filter(CompletableFuture::isDone).count()
                      >= CALLS - QUEUE - BATCH);
      Thread.sleep(500);
      refused =
          answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
      assertThat(refused)
          .allSatisfy(
              a -> {
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.retryAfter()).contains("2");
                JsonNode problem = JSON.readTree(a.body());
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("type").asText())
                    .isEqualTo("urn:jp-grants:problem:unavailable");
                assertThat(problem.path("detail").asText()).contains("capacity");
              });
      // Carry-overs and refunds wait in the same queue: refused alike, at once, nothing written.
      io.restassured.RestAssured.given()
          .header("Authorization", jp.grants.ledger.support.Tokens.finance())
          .header("Idempotency-Key", "overload-refund")
          .contentType(io.restassured.http.ContentType.JSON)
          .body(Map.of("fiscalYear", 2080, "amountYen", 1, "kind", "VOLUNTARY"))
          .post("/api/v1/ledger/grants/" + grant.grantId() + "/refunds")
          .then()
          .statusCode(503)
          .header("Retry-After", "2")
          .contentType("application/problem+json");
      io.restassured.RestAssured.given()
          .header("Authorization", jp.grants.ledger.support.Tokens.finance())
          .header("Idempotency-Key", "overload-carry-over")
          .contentType(io.restassured.http.ContentType.JSON)
          .body(Map.of("fromFiscalYear", 2080, "amountYen", 1))
          .post("/api/v1/ledger/grants/" + grant.grantId() + "/carry-overs")
          .then()
          .statusCode(503)
          .header("Retry-After", "2");
      holder.rollback();
    }
    List<Storm.Answer> all = Storm.await(answers);
    long paid = all.stream().filter(a -> a.status() == 201).count();
    long unavailable = all.stream().filter(a -> a.status() == 503).count();

    assertThat(paid + unavailable).isEqualTo(CALLS);
    assertThat(paid).isBetween(1L + QUEUE, (long) QUEUE + BATCH);
    assertThat(unavailable).isEqualTo(refused.size());
    // Nothing of a refused request was written: no disbursement, no key, no journal, no outbox row.
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grant.grantId()))
        .isEqualTo(paid);
    assertThat(
            Db.number(
                "SELECT count(*) FROM outbox WHERE record_key = ?", grant.grantId().toString()))
        .isEqualTo(paid);
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                grant.grantId()))
        .isEqualTo(paid);
    for (Storm.Answer a : refused) {
      assertThat(
              Db.number(
                  "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?",
                  a.call().key()))
          .isZero();
    }
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2080)).isEqualTo(paid * 1_000);
    assertThat(
            Db.number(
                "SELECT count(*) FROM idempotency_record WHERE idempotency_key IN ('overload-refund',"
                    + " 'overload-carry-over')"))
        .isZero();
    assertThat(Db.number("SELECT count(*) FROM refund WHERE grant_id = ?", grant.grantId()))
        .isZero();

    // After the Retry-After, the refused requests go through as first requests, a few at a time.
    long retried = 0;
    for (Storm.Answer a : refused) {
      Storm.Answer again = storm.send(List.of(a.call())).get(0);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.replayed()).isFalse();
      retried++;
    }
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2080)).isEqualTo((paid + retried) * 1_000);
  }
}
