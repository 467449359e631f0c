package jp.grants.ledger.disbursement;

import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.LedgerEventsReader;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The proof that no cap is ever exceeded: well over a thousand over-cap attempts from 48 threads at
 * once, through the real REST endpoint (and, at the same time, DisbursementRequested events through
 * the real consumer) against the real database; then every total is checked.
 *
 * <p>Amounts are chosen so that the outcome is exact whatever the interleaving: with 5,000,000 yen
 * attempts, a cap of 100,000,000 yen admits exactly 20 of them.
 */
@QuarkusTest
class CapConcurrencyTest {
  private static final int THREADS = 48;
  private static final long UNIT = 5_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/ledger/disbursements")
  URL endpoint;

  /** One attempt and what the ledger answered. */
  record Attempt(
      UUID grantId,
      int fiscalYear,
      long amountYen,
      int status,
      String rule,
      CapLevel capLevel,
      long headroomYen) {
    boolean accepted() {
      return status == 201;
    }
  }

  private record Planned(UUID grantId, int fiscalYear, long amountYen, ExpenseCategory category) {}

  @Test
  void shouldNeverPushAnyCapOverByASingleYenUnderConcurrentOverCapAttempts() throws Exception {
    try (GrantEventsProducer producer = new GrantEventsProducer();
        LedgerEventsReader ledgerEvents = new LedgerEventsReader()) {
      // Grant-year cap binds: FY2060 allocation 100M, total far above.
      GrantAwarded yearBound =
          Awards.publish(
              producer,
              award("WPI", 1_000_000_000L, fy(2060, 100_000_000L), fy(2061, 100_000_000L)));
      // Total cap binds: 200M over two years of 300M each.
      GrantAwarded totalBound =
          Awards.publish(
              producer, award("WPI", 200_000_000L, fy(2060, 300_000_000L), fy(2061, 300_000_000L)));
      // Odd amounts against an odd cap: not one yen over 99,999,999.
      GrantAwarded odd = Awards.publish(producer, award("WPI", 99_999_999L, fy(2061, 99_999_999L)));
      // Program cap binds: SICORP FY2062 budget 195M (150M direct + 30 % indirect), twenty grants
      // allocated 20M each.
      Ledger.setBudget("SICORP", 2062, 195_000_000L);
      List<GrantAwarded> pool =
          IntStream.range(0, 20)
              .mapToObj(
                  i ->
                      Awards.publish(
                          producer, award("SICORP-CONSORTIUM", 40_000_000L, fy(2062, 20_000_000L))))
              .toList();

      Random random = new Random(20260401L);
      List<Planned> planned = new ArrayList<>();
      IntStream.range(0, 300)
          .forEach(
              i ->
                  planned.add(
                      new Planned(yearBound.grantId(), 2060, UNIT, ExpenseCategory.PERSONNEL)));
      IntStream.range(0, 300)
          .forEach(
              i ->
                  planned.add(
                      new Planned(
                          totalBound.grantId(), 2060 + i % 2, UNIT, ExpenseCategory.TRAVEL)));
      IntStream.range(0, 200)
          .forEach(
              i ->
                  planned.add(
                      new Planned(
                          odd.grantId(),
                          2061,
                          1 + random.nextInt(3_000_000),
                          ExpenseCategory.EQUIPMENT)));
      IntStream.range(0, 500)
          .forEach(
              i ->
                  planned.add(
                      new Planned(
                          pool.get(i % 20).grantId(), 2062, UNIT, ExpenseCategory.PERSONNEL)));
      Collections.shuffle(planned, random);
      List<DisbursementRequested> viaKafka =
          IntStream.range(0, 100)
              .mapToObj(
                  i ->
                      new DisbursementRequested(
                          pool.get(i % 20).grantId(),
                          UUID.randomUUID(),
                          "SICORP-CONSORTIUM",
                          2062,
                          UNIT,
                          ExpenseCategory.TRAVEL,
                          "via grant-events"))
              .toList();

      List<Attempt> attempts = storm(planned, () -> viaKafka.forEach(producer::send));
      Map<UUID, List<LedgerEventsReader.Answer>> kafkaAnswers =
          ledgerEvents.awaitAnswers(
              viaKafka.stream().map(DisbursementRequested::disbursementId).toList());
      attempts = new ArrayList<>(attempts);
      for (DisbursementRequested request : viaKafka) {
        attempts.add(attemptOf(request, kafkaAnswers.get(request.disbursementId()).get(0).event()));
      }

      assertThat(attempts).hasSize(1_400);
      assertThat(attempts).allSatisfy(a -> assertThat(a.status()).isIn(201, 409));
      assertYearCapHeld(attempts, yearBound);
      assertTotalCapHeld(attempts, totalBound);
      assertOddCapHeld(attempts, odd);
      assertProgramCapHeld(attempts, pool);
      for (UUID grantId : attempts.stream().map(Attempt::grantId).distinct().toList()) {
        assertBooksAgree(attempts, grantId);
      }
    }
  }

  private void assertYearCapHeld(List<Attempt> attempts, GrantAwarded grant) {
    List<Attempt> mine = of(attempts, grant.grantId());
    assertThat(mine.stream().filter(Attempt::accepted)).hasSize(20);
    assertThat(mine.stream().filter(a -> !a.accepted()))
        .hasSize(280)
        .allSatisfy(
            a -> {
              assertThat(a.capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
              assertThat(a.rule()).isEqualTo("LEDGER-CAP-GRANT-FISCAL-YEAR");
              assertThat(a.headroomYen()).isZero();
            });
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2060)).isEqualTo(100_000_000L);
  }

  private void assertTotalCapHeld(List<Attempt> attempts, GrantAwarded grant) {
    List<Attempt> mine = of(attempts, grant.grantId());
    assertThat(mine.stream().filter(Attempt::accepted)).hasSize(40);
    assertThat(mine.stream().filter(a -> !a.accepted()))
        .hasSize(260)
        .allSatisfy(
            a -> {
              assertThat(a.capLevel()).isEqualTo(CapLevel.GRANT_TOTAL);
              assertThat(a.headroomYen()).isZero();
            });
    assertThat(grantDisbursed(grant.grantId())).isEqualTo(200_000_000L);
  }

  private void assertOddCapHeld(List<Attempt> attempts, GrantAwarded grant) {
    List<Attempt> mine = of(attempts, grant.grantId());
    assertThat(grantDisbursed(grant.grantId())).isLessThanOrEqualTo(99_999_999L);
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2061)).isLessThanOrEqualTo(99_999_999L);
    assertThat(mine.stream().filter(a -> !a.accepted()))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.headroomYen()).isLessThan(a.amountYen()));
  }

  private void assertProgramCapHeld(List<Attempt> attempts, List<GrantAwarded> pool) {
    List<Attempt> mine =
        attempts.stream()
            .filter(a -> pool.stream().anyMatch(g -> g.grantId().equals(a.grantId())))
            .toList();
    assertThat(mine).hasSize(600);
    assertThat(mine.stream().filter(Attempt::accepted)).hasSize(30);
    assertThat(mine.stream().filter(a -> a.capLevel() == CapLevel.PROGRAM_FISCAL_YEAR))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.headroomYen()).isZero());
    assertThat(
            Db.number(
                "SELECT disbursed_yen FROM program_year WHERE budget_pool = 'SICORP' AND fiscal_year = 2062"))
        .isEqualTo(195_000_000L);
    assertThat(
            Db.number(
                "SELECT sum(y.disbursed_yen) FROM grant_year y JOIN grant_account a USING (grant_id)"
                    + " WHERE a.budget_pool = 'SICORP' AND y.fiscal_year = 2062"))
        .isEqualTo(150_000_000L);
    assertThat(pool)
        .allSatisfy(g -> assertThat(grantDisbursed(g.grantId())).isLessThanOrEqualTo(20_000_000L));
    assertThat(balance(Accounts.programBudget("SICORP", 2062))).isZero();
  }

  /**
   * What the answers say, what the caps say, what the disbursements say and what the journal says
   * agree.
   */
  private void assertBooksAgree(List<Attempt> attempts, UUID grantId) {
    List<Attempt> mine = of(attempts, grantId);
    long accepted = mine.stream().filter(Attempt::accepted).mapToLong(Attempt::amountYen).sum();
    assertThat(grantDisbursed(grantId)).isEqualTo(accepted);
    assertThat(
            Db.number(
                "SELECT coalesce(sum(amount_yen), 0) FROM disbursement WHERE grant_id = ? AND status = 'ACCEPTED'",
                grantId))
        .isEqualTo(accepted);
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId))
        .isEqualTo(mine.size());
    assertThat(balance(Accounts.grantDisbursed(grantId))).isEqualTo(accepted);
    assertThat(balance(Accounts.grantAward(grantId)))
        .isEqualTo(
            Db.number(
                "SELECT total_cap_yen - disbursed_yen FROM grant_account WHERE grant_id = ?",
                grantId));
    for (int year = 2060; year <= 2062; year++) {
      assertThat(balance(Accounts.grantAllocation(grantId, year)))
          .isEqualTo(
              Db.number(
                  "SELECT allocation_yen - disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
                  grantId,
                  year));
    }
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                grantId))
        .isEqualTo(mine.stream().filter(Attempt::accepted).count());
  }

  /** Fires every planned attempt at once from many threads; starts {@code alongside} with them. */
  private List<Attempt> storm(List<Planned> planned, Runnable alongside) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String token = Tokens.finance();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<Attempt>> futures = new ArrayList<>();
      for (Planned p : planned) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return post(http, token, p);
                }));
      }
      Future<?> kafka =
          threads.submit(
              () -> {
                start.await();
                alongside.run();
                return null;
              });
      start.countDown();
      List<Attempt> attempts = new ArrayList<>();
      for (Future<Attempt> future : futures) {
        attempts.add(future.get());
      }
      kafka.get();
      return attempts;
    } finally {
      threads.shutdownNow();
    }
  }

  private Attempt post(HttpClient http, String token, Planned p) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "grantId",
                p.grantId().toString(),
                "fiscalYear",
                p.fiscalYear(),
                "amountYen",
                p.amountYen(),
                "expenseCategory",
                p.category().name()));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint.toString()))
            .header("Authorization", token)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    return new Attempt(
        p.grantId(),
        p.fiscalYear(),
        p.amountYen(),
        response.statusCode(),
        answer.path("rule").asText(null),
        answer.hasNonNull("capLevel") ? CapLevel.valueOf(answer.get("capLevel").asText()) : null,
        answer.path("headroomYen").asLong(0));
  }

  private static Attempt attemptOf(DisbursementRequested request, LedgerEvent answer) {
    if (answer instanceof FundsDisbursed) {
      return new Attempt(
          request.grantId(), request.fiscalYear(), request.amountYen(), 201, null, null, 0);
    }
    DisbursementRejected refused = (DisbursementRejected) answer;
    return new Attempt(
        request.grantId(),
        request.fiscalYear(),
        request.amountYen(),
        409,
        refused.rule(),
        refused.capLevel(),
        refused.headroomYen());
  }

  private static List<Attempt> of(List<Attempt> attempts, UUID grantId) {
    return attempts.stream().filter(a -> a.grantId().equals(grantId)).toList();
  }

  private static long grantDisbursed(UUID grantId) {
    return Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId);
  }

  private static long balance(String account) {
    return Db.number(
        "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?",
        account);
  }
}
