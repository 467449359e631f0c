package jp.grants.ledger.grant.messaging;

import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.LedgerEventsReader;
import org.junit.jupiter.api.Test;

/** The consumer of grant-events stops in the middle of a stream and starts again. */
@QuarkusTest
class ConsumerRestartTest {
  @Inject GrantEventsListener listener;

  private static long answered(UUID grantId) {
    return Db.number("SELECT count(*) FROM disbursement WHERE grant_id = ?", grantId);
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenTheConsumerRestartsMidStream() {
    try (GrantEventsProducer producer = new GrantEventsProducer();
        LedgerEventsReader ledgerEvents = new LedgerEventsReader()) {
      // SATREPS FY2070: 35,000,000 yen; 400 requests of 100,000 yen ask for 40,000,000.
      GrantAwarded grant =
          Awards.publish(producer, award("SATREPS", 35_000_000L, fy(2070, 35_000_000L)));
      List<DisbursementRequested> requests =
          IntStream.range(0, 400)
              .mapToObj(
                  i ->
                      new DisbursementRequested(
                          grant.grantId(),
                          UUID.randomUUID(),
                          "SATREPS",
                          2070,
                          100_000L,
                          ExpenseCategory.TRAVEL,
                          "stay " + i))
              .toList();
      List<EventEnvelope> sent = new ArrayList<>();
      requests.subList(0, 200).forEach(r -> sent.add(producer.send(r)));
      await().atMost(Duration.ofSeconds(60)).until(() -> answered(grant.grantId()) >= 20);

      listener.stop();
      long appliedBeforeRestart = answered(grant.grantId());
      requests.subList(200, 400).forEach(producer::send);
      sent.subList(0, 50).forEach(producer::resend); // redelivered while the consumer is away
      assertThat(answered(grant.grantId())).isEqualTo(appliedBeforeRestart);
      listener.start();

      Map<UUID, List<LedgerEventsReader.Answer>> answers =
          ledgerEvents.awaitAnswers(
              requests.stream().map(DisbursementRequested::disbursementId).toList());
      ledgerEvents.drain(Duration.ofSeconds(2));

      assertThat(requests)
          .allSatisfy(r -> assertThat(ledgerEvents.answersTo(r.disbursementId())).hasSize(1));
      long paid =
          answers.values().stream().filter(a -> a.get(0).event() instanceof FundsDisbursed).count();
      assertThat(paid).isEqualTo(350);
      assertThat(answered(grant.grantId())).isEqualTo(400);
      assertThat(
              Db.number(
                  "SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grant.grantId()))
          .isEqualTo(35_000_000L);
      assertThat(
              Db.number(
                  "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'",
                  grant.grantId()))
          .isEqualTo(350);
      assertThat(listener.lastFailure()).isNull();
    }
  }
}
