package jp.grants.ledger.disbursement;

import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.engine.DisbursementBatch;
import jp.grants.ledger.disbursement.engine.DisbursementRequest;
import jp.grants.ledger.disbursement.engine.Outcome;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Storm;
import org.junit.jupiter.api.Test;

/**
 * A finance office's burst at fiscal-year end: a thousand disbursements in flight at once against
 * one grant's year and against one program's budget, through the real REST endpoint and engine
 * against the real database. Every answer is a decision (201 or 409), never a 5xx; exactly the
 * payments that fit are made; a replay of every key pays nothing more. And a second "instance" —
 * writers answering batches on connections of their own, as another ledger-service would — racing
 * the first on the same caps leaves them exact.
 */
@QuarkusTest
class DisbursementStormTest {
  private static final int CLIENTS = 1_000;
  private static final long AMOUNT = 1_000;

  @TestHTTPResource("/api/v1/ledger/disbursements")
  URL endpoint;

  @Test
  void shouldPayExactlyWhatFitsInOneGrantYearUnderAThousandConcurrentClients() throws Exception {
    Ledger.setBudget("WPI", 2070, 1_000_000_000L);
    GrantAwarded grant = published(award("WPI", 10_000_000L, fy(2070, 106 * AMOUNT)));
    List<Storm.Call> calls =
        IntStream.range(0, CLIENTS)
            .mapToObj(i -> Storm.call(grant.grantId(), 2070, AMOUNT))
            .toList();
    Storm storm = new Storm(endpoint.toURI());

    List<Storm.Answer> answers = storm.send(calls);

    assertThat(answers)
        .extracting(Storm.Answer::status)
        .allSatisfy(s -> assertThat(s).isIn(201, 409));
    assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(106);
    assertThat(answers.stream().filter(a -> a.status() == 409))
        .allSatisfy(a -> assertThat(a.body()).contains("LEDGER-CAP-GRANT-FISCAL-YEAR"));
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2070)).isEqualTo(106 * AMOUNT);
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grant.grantId()))
        .isEqualTo(CLIENTS);
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                grant.grantId()))
        .isEqualTo(106);
    assertThat(
            Db.number(
                "SELECT count(*) FROM outbox WHERE record_key = ?", grant.grantId().toString()))
        .isEqualTo(CLIENTS);
    // The journal shows each payment's amount, and its three pairs of lines balance.
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED' AND amount_yen = ?",
                grant.grantId(),
                AMOUNT))
        .isEqualTo(106);

    List<Storm.Answer> replayed = storm.send(calls);

    assertThat(replayed).allSatisfy(a -> assertThat(a.replayed()).isTrue());
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(replayed.get(i).status()).isEqualTo(answers.get(i).status());
      assertThat(replayed.get(i).body()).isEqualTo(answers.get(i).body());
    }
    assertThat(Ledger.yearDisbursed(grant.grantId(), 2070)).isEqualTo(106 * AMOUNT);
    assertThat(Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grant.grantId()))
        .isEqualTo(CLIENTS);
  }

  @Test
  void shouldSpendExactlyTheProgramBudgetUnderAThousandConcurrentClientsOverTwentyGrants()
      throws Exception {
    // 150 payments of AMOUNT and their 30 % indirect costs.
    Ledger.setBudget("SICORP", 2072, 195 * AMOUNT);
    List<GrantAwarded> grants =
        IntStream.range(0, 20)
            .mapToObj(
                i -> published(award("SICORP-CONSORTIUM", 40 * AMOUNT, fy(2072, 20 * AMOUNT))))
            .toList();
    List<Storm.Call> calls =
        IntStream.range(0, CLIENTS)
            .mapToObj(i -> Storm.call(grants.get(i % grants.size()).grantId(), 2072, AMOUNT))
            .toList();

    List<Storm.Answer> answers = new Storm(endpoint.toURI()).send(calls);

    assertThat(answers)
        .extracting(Storm.Answer::status)
        .allSatisfy(s -> assertThat(s).isIn(201, 409));
    assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(150);
    assertThat(
            Db.number(
                "SELECT disbursed_yen FROM program_year WHERE budget_pool = 'SICORP' AND fiscal_year = 2072"))
        .isEqualTo(195 * AMOUNT);
    long sumOfGrants =
        grants.stream().mapToLong(g -> Ledger.yearDisbursed(g.grantId(), 2072)).sum();
    assertThat(sumOfGrants).isEqualTo(150 * AMOUNT);
    assertThat(grants)
        .allSatisfy(
            g ->
                assertThat(Ledger.yearDisbursed(g.grantId(), 2072))
                    .isLessThanOrEqualTo(20 * AMOUNT));
    assertThat(
            Db.number(
                "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?",
                "program:SICORP:2072:budget"))
        .isEqualTo(0);
  }

  @Test
  void shouldKeepEveryCapExactWhenAnotherInstanceRacesForTheSameMoney() throws Exception {
    Ledger.setBudget("WPI", 2074, 1_000_000_000L);
    GrantAwarded grant = published(award("WPI", 300 * AMOUNT, fy(2074, 1_000 * AMOUNT)));
    List<Storm.Call> calls =
        IntStream.range(0, 500).mapToObj(i -> Storm.call(grant.grantId(), 2074, AMOUNT)).toList();
    ExecutorService otherInstance = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Storm.Answer>> rest = new Storm(endpoint.toURI()).start(calls);
      List<Future<List<Outcome>>> others = new ArrayList<>();
      for (int writer = 0; writer < 4; writer++) {
        for (int batch = 0; batch < 10; batch++) {
          others.add(otherInstance.submit(() -> otherInstanceBatch(grant.grantId(), 2074, 25)));
        }
      }
      List<Storm.Answer> answers = Storm.await(rest);
      long paidByOthers = 0;
      for (Future<List<Outcome>> outcomes : others) {
        paidByOthers +=
            outcomes.get().stream()
                .filter(
                    o ->
                        o instanceof Outcome.Answered a
                            && a.disbursement().status == DisbursementStatus.ACCEPTED)
                .count();
      }
      long paidByRest = answers.stream().filter(a -> a.status() == 201).count();

      assertThat(answers)
          .extracting(Storm.Answer::status)
          .allSatisfy(s -> assertThat(s).isIn(201, 409));
      // 500 REST and 1,000 other attempts of 1,000 yen for a total award of 300,000: exactly 300
      // paid.
      assertThat(paidByRest + paidByOthers).isEqualTo(300);
      assertThat(
              Db.number(
                  "SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grant.grantId()))
          .isEqualTo(300 * AMOUNT);
      assertThat(Ledger.yearDisbursed(grant.grantId(), 2074)).isEqualTo(300 * AMOUNT);
      assertThat(
              Db.number(
                  "SELECT count(*) FROM disbursement WHERE grant_id = ? AND status = 'ACCEPTED'",
                  grant.grantId()))
          .isEqualTo(300);
      assertThat(
              Db.number(
                  "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?",
                  "grant:" + grant.grantId() + ":award"))
          .isEqualTo(0);
    } finally {
      otherInstance.shutdownNow();
    }
  }

  /**
   * What a second ledger-service's writer does: a batch of requests in a transaction of its own.
   */
  private static List<Outcome> otherInstanceBatch(UUID grantId, int fiscalYear, int size)
      throws Exception {
    DisbursementBatch batch = Arc.container().instance(DisbursementBatch.class).get();
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    List<DisbursementRequest> requests =
        IntStream.range(0, size)
            .mapToObj(
                i -> {
                  String key = "other-" + UUID.randomUUID();
                  DisburseCommand command =
                      new DisburseCommand(
                          UUID.randomUUID(),
                          grantId,
                          fiscalYear,
                          AMOUNT,
                          ExpenseCategory.PERSONNEL,
                          "other instance",
                          null,
                          Channel.REST,
                          "finance-clerk-2",
                          new Provenance("finance-clerk-2", "finance", null, key));
                  return new DisbursementRequest(
                      command,
                      new DisbursementRequest.IdempotencyClaim(
                          "finance-clerk-2", key, "0".repeat(64)),
                      null);
                })
            .toList();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                return batch.apply(c, requests);
              }
            });
  }

  private static GrantAwarded published(GrantAwarded award) {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      return Awards.publish(producer, award);
    }
  }
}
