package jp.grants.ledger.report;

import static jp.grants.ledger.report.ReportFixtures.grant;
import static jp.grants.ledger.report.ReportFixtures.pay;
import static jp.grants.ledger.report.ReportFixtures.report;
import static jp.grants.ledger.report.ReportFixtures.reportBody;
import static jp.grants.ledger.report.ReportFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports and settlements racing each other and payments on one grant: the grant's row is locked
 * first, so exactly one report per grant-year and one settlement per grant exist, a report never
 * counts a payment it did not see, and nothing answers 5xx.
 */
@QuarkusTest
class ReportConcurrencyTest {
  private static final int FY = 2038;
  private static GrantEventsProducer producer;
  private static boolean budgets;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
  }

  private static synchronized UUID wpi() {
    if (!budgets) {
      Ledger.setBudget("WPI", FY, 10_000_000_000L);
      budgets = true;
    }
    return grant(producer, "WPI", 100_000_000L, FY);
  }

  private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldKeepExactlyOneReportPerGrantYearWhenTwentyRace() throws Exception {
    UUID grantId = wpi();
    pay(grantId, FY, 1_000_000L, "PERSONNEL");
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long amount = 1_000_000L - i;
      calls.add(() -> report(grantId, reportBody(FY, "PERSONNEL", amount)).extract().statusCode());
    }
    List<Integer> statuses = race(calls);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    assertThat(Db.number("SELECT count(*) FROM annual_report WHERE grant_id = ?", grantId))
        .isEqualTo(1);
    assertThat(
            Db.number(
                "SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?",
                grantId.toString(),
                "jp.grants.ledger.AnnualReportAccepted"))
        .isEqualTo(1);
  }

  @Test
  void shouldCountExactlyThePaymentsCommittedBeforeTheReport() throws Exception {
    UUID grantId = wpi();
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(
          () -> {
            pay(grantId, FY, 1_000_000L, "TRAVEL");
            return 201;
          });
    }
    calls.add(() -> report(grantId, reportBody(FY, "TRAVEL", 0L)).extract().statusCode());
    List<Integer> statuses = race(calls);
    assertThat(statuses).containsOnly(201);
    long paidAtReport = Db.number("SELECT paid_yen FROM annual_report WHERE grant_id = ?", grantId);
    long paidLineAtReport =
        Db.number(
            "SELECT l.paid_yen FROM annual_report_line l JOIN annual_report r"
                + " ON r.report_id = l.report_id WHERE r.grant_id = ?",
            grantId);
    // whatever the interleaving, the report saw a whole number of committed payments, and its
    // category agrees
    assertThat(paidAtReport % 1_000_000L).isZero();
    assertThat(paidAtReport).isBetween(0L, 30_000_000L);
    assertThat(paidLineAtReport).isEqualTo(paidAtReport);
    assertThat(Ledger.yearDisbursed(grantId, FY)).isEqualTo(30_000_000L);
  }

  @Test
  void shouldSettleOnceWhenTenRace() throws Exception {
    // FY2023 is over by the ledger's clock; nothing was paid
    UUID grantId = Awards2023.grant(producer);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(() -> settle(Tokens.finance(), null, grantId).extract().statusCode());
    }
    List<Integer> statuses = race(calls);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
    assertThat(Db.number("SELECT count(*) FROM settlement WHERE grant_id = ?", grantId))
        .isEqualTo(1);
  }

  /** A grant of a year long past. */
  static final class Awards2023 {
    static UUID grant(GrantEventsProducer producer) {
      return ReportFixtures.grant(producer, "INDIA-EXCHANGE", 1_000_000L, 2019);
    }
  }
}
