package jp.grants.ledger.money;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import jp.grants.ledger.LedgerClock;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Balances;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Disbursements, refunds and carry-overs racing on one grant-year, and on one fund shared by an
 * ASPIRE and a NEXUS grant: no cap or balance is ever broken, every sum is exact, no 5xx.
 */
@QuarkusTest
class MoneyConcurrencyTest {
  private static final String FINANCE = Tokens.finance();
  private static final String OFFICER = Tokens.bearer("po-race", Roles.PROGRAM_OFFICER);
  private static final String APPLICANT = Tokens.bearer("pi-race", Roles.APPLICANT);

  /** What was asked and answered. */
  record Attempt(String kind, UUID grantId, long amountYen, int status, Map<String, Object> body) {
    boolean done() {
      return status == 201;
    }

    long number(String field) {
      return ((Number) body.get(field)).longValue();
    }
  }

  @AfterEach
  void resetClock() {
    Arc.container().instance(LedgerClock.class).get().reset();
  }

  private static Attempt send(
      String kind, UUID grantId, String token, String path, Map<String, Object> body, long amount) {
    Response response =
        given()
            .header("Authorization", token)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(ContentType.JSON)
            .body(body)
            .post(path);
    Map<String, Object> answer =
        response.getContentType().contains("json") ? response.jsonPath().getMap("") : Map.of();
    return new Attempt(kind, grantId, amount, response.statusCode(), answer);
  }

  private static Supplier<Attempt> disbursement(UUID grantId, int fy, long amount) {
    return () ->
        send(
            "D",
            grantId,
            FINANCE,
            "/api/v1/ledger/disbursements",
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                fy,
                "amountYen",
                amount,
                "expenseCategory",
                "PERSONNEL"),
            amount);
  }

  private static Supplier<Attempt> refund(UUID grantId, int fy, long amount) {
    return () ->
        send(
            "R",
            grantId,
            FINANCE,
            "/api/v1/ledger/grants/" + grantId + "/refunds",
            Map.of("fiscalYear", fy, "amountYen", amount, "kind", "VOLUNTARY"),
            amount);
  }

  private static Supplier<Attempt> carryOver(UUID grantId, int from, long amount, String token) {
    Map<String, Object> body = new HashMap<>(Map.of("fromFiscalYear", from, "amountYen", amount));
    body.put("reason", "race");
    return () ->
        send(
            "C", grantId, token, "/api/v1/ledger/grants/" + grantId + "/carry-overs", body, amount);
  }

  private static List<Attempt> race(List<Supplier<Attempt>> calls) throws Exception {
    List<Supplier<Attempt>> shuffled = new ArrayList<>(calls);
    Collections.shuffle(shuffled, new java.util.Random(14));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Attempt>> futures = new ArrayList<>();
      for (Supplier<Attempt> call : shuffled) {
        futures.add(pool.submit(call::get));
      }
      List<Attempt> attempts = new ArrayList<>();
      for (Future<Attempt> f : futures) {
        attempts.add(f.get());
      }
      return attempts;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long sum(List<Attempt> attempts, String kind, UUID grantId) {
    return attempts.stream()
        .filter(a -> a.kind().equals(kind) && a.grantId().equals(grantId) && a.done())
        .mapToLong(Attempt::amountYen)
        .sum();
  }

  private static long col(String column, UUID grantId, int fy) {
    return Db.number(
        "SELECT " + column + " FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
        grantId,
        fy);
  }

  @Test
  void shouldKeepEveryCapAndBalanceOfOneGrantYearUnderRacingDisbursementsRefundsAndCarryOvers()
      throws Exception {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(
                  producer,
                  award("WPI", 100_000_000L, fy(2024, 50_000_000L), fy(2025, 50_000_000L)))
              .grantId();
      MoneyMovementResourceTest.disburse(grantId, 2024, 20_000_000L);
      List<Supplier<Attempt>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        calls.add(disbursement(grantId, 2024, 300_000L));
      }
      for (int i = 0; i < 100; i++) {
        calls.add(refund(grantId, 2024, 150_000L));
      }
      for (int i = 0; i < 100; i++) {
        calls.add(carryOver(grantId, 2024, 400_000L, OFFICER));
      }

      List<Attempt> attempts = race(calls);

      assertThat(attempts).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 409));
      long paid = 20_000_000L + sum(attempts, "D", grantId);
      long refunded = sum(attempts, "R", grantId);
      long carried = sum(attempts, "C", grantId);
      long paidMoved =
          attempts.stream()
              .filter(a -> a.kind().equals("C") && a.done())
              .mapToLong(a -> a.number("paidMovedYen"))
              .sum();
      assertThat(attempts.stream().filter(a -> !a.done()))
          .allSatisfy(
              a ->
                  assertThat(a.body().get("rule"))
                      .isIn(
                          "LEDGER-CAP-GRANT-FISCAL-YEAR",
                          "REFUND-EXCEEDS-PAID",
                          "CARRY-OVER-EXCEEDS-UNSPENT"));
      assertThat(carried).isPositive();
      assertThat(refunded).isPositive();
      // The caps: the year's allocation moved by exactly what was carried, the total never changed.
      assertThat(col("allocation_yen", grantId, 2024)).isEqualTo(50_000_000L - carried);
      assertThat(col("allocation_yen", grantId, 2025)).isEqualTo(50_000_000L + carried);
      assertThat(col("disbursed_yen", grantId, 2024))
          .isEqualTo(paid - refunded - paidMoved)
          .isLessThanOrEqualTo(col("allocation_yen", grantId, 2024));
      assertThat(col("disbursed_yen", grantId, 2025)).isEqualTo(paidMoved);
      assertThat(col("refunded_yen", grantId, 2024)).isEqualTo(refunded);
      assertThat(col("indirect_yen", grantId, 2024)).isEqualTo(paid * 30 / 100);
      assertThat(col("indirect_refunded_yen", grantId, 2024)).isEqualTo(refunded * 30 / 100);
      assertThat(Db.number("SELECT total_cap_yen FROM grant_account WHERE grant_id = ?", grantId))
          .isEqualTo(100_000_000L);
      assertThat(Db.number("SELECT count(*) FROM carry_over WHERE grant_id = ?", grantId))
          .isEqualTo(attempts.stream().filter(a -> a.kind().equals("C") && a.done()).count());
      // One event per disbursement (paid or refused) and per carry-over or refund carried out.
      assertThat(Db.number("SELECT count(*) FROM outbox WHERE record_key = ?", grantId.toString()))
          .isEqualTo(1 + attempts.stream().filter(a -> a.kind().equals("D") || a.done()).count());
      Balances.assertGrantBalanced(grantId);
      Balances.assertPoolYearBalanced("WPI", 2024);
      Balances.assertPoolYearBalanced("WPI", 2025);
    }
  }

  @Test
  void shouldNeverDrawMoreThanTheFundHoldsWhenTwoProgramsRaceOnIt() throws Exception {
    // Carry-overs of FY2026 open on 1 January 2027.
    Arc.container().instance(LedgerClock.class).get().fix(Instant.parse("2027-02-01T00:00:00Z"));
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID aspire =
          Awards.publish(
                  producer,
                  award("ASPIRE", 100_000_000L, fy(2026, 40_000_000L), fy(2027, 40_000_000L)))
              .grantId();
      UUID nexus =
          Awards.publish(
                  producer,
                  award("NEXUS", 100_000_000L, fy(2026, 40_000_000L), fy(2027, 40_000_000L)))
              .grantId();
      MoneyMovementResourceTest.disburse(aspire, 2026, 5_000_000L);
      MoneyMovementResourceTest.disburse(nexus, 2026, 5_000_000L);
      long total = Db.number("SELECT total_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'");
      long drawn = Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'");
      // The fund lowered to what was drawn and 26,000,000 more: twenty payments of 1,000,000 with
      // 30 % indirect.
      setFund(drawn + 26_000_000L);
      try {
        List<Supplier<Attempt>> calls = new ArrayList<>();
        for (UUID grantId : List.of(aspire, nexus)) {
          for (int i = 0; i < 100; i++) {
            calls.add(disbursement(grantId, 2026, 1_000_000L));
          }
          for (int i = 0; i < 20; i++) {
            calls.add(refund(grantId, 2026, 100_000L));
          }
          for (int i = 0; i < 20; i++) {
            calls.add(carryOver(grantId, 2026, 1_000_000L, APPLICANT));
          }
        }

        List<Attempt> attempts = race(calls);

        assertThat(attempts)
            .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 409));
        assertThat(attempts.stream().filter(a -> a.kind().equals("D") && !a.done()))
            .isNotEmpty()
            .allSatisfy(a -> assertThat(a.body().get("rule")).isEqualTo("LEDGER-CAP-PROGRAM-FUND"));
        long paid = sum(attempts, "D", aspire) + sum(attempts, "D", nexus);
        long refunded = sum(attempts, "R", aspire) + sum(attempts, "R", nexus);
        long fundDrawn =
            Db.number("SELECT disbursed_yen FROM budget_fund WHERE budget_pool = 'ASPIRE'");
        assertThat(fundDrawn)
            .isEqualTo(drawn + paid * 13 / 10 - refunded * 13 / 10)
            .isLessThanOrEqualTo(drawn + 26_000_000L);
        // Refunds give the fund room back: at least twenty payments, and no more room left than one
        // payment's (1,300,000 with its indirect costs) plus what refunds decided after the last
        // refused payment gave back (the race decides in any order).
        assertThat(paid).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(drawn + 26_000_000L - fundDrawn).isLessThan(1_300_000L + refunded * 13 / 10);
        for (UUID grantId : List.of(aspire, nexus)) {
          long carried = sum(attempts, "C", grantId);
          assertThat(col("allocation_yen", grantId, 2026)).isEqualTo(40_000_000L - carried);
          assertThat(col("allocation_yen", grantId, 2027)).isEqualTo(40_000_000L + carried);
          Balances.assertGrantBalanced(grantId);
        }
        Balances.assertFundBalanced("ASPIRE");
        assertThat(Db.number("SELECT count(*) FROM program_year WHERE budget_pool = 'ASPIRE'"))
            .isZero();
      } finally {
        setFund(total);
      }
    }
  }

  private static void setFund(long totalYen) {
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("totalYen", totalYen, "reason", "concurrency test"))
        .put("/api/v1/ledger/programs/ASPIRE/fund")
        .then()
        .statusCode(200);
  }
}
