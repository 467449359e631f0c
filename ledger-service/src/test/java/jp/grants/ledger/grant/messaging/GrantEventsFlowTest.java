package jp.grants.ledger.grant.messaging;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
import jp.grants.contracts.grant.GrantSuspended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.NoCostExtensionGranted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.LedgerEventsReader;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grant events in, ledger events out, through the real broker: a grant's money from award through
 * stage gates, extension, disbursements and termination, and exactly one effect per event.
 */
@QuarkusTest
class GrantEventsFlowTest {
  private static GrantEventsProducer producer;
  private static LedgerEventsReader ledgerEvents;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
    ledgerEvents = new LedgerEventsReader();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
    ledgerEvents.close();
  }

  private static DisbursementRequested request(GrantAwarded grant, int fiscalYear, long amountYen) {
    return new DisbursementRequested(
        grant.grantId(),
        UUID.randomUUID(),
        grant.programCode(),
        fiscalYear,
        amountYen,
        ExpenseCategory.PERSONNEL,
        "salaries");
  }

  private static long disbursed(UUID grantId) {
    return Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId);
  }

  private static long allocation(UUID grantId, int fiscalYear) {
    return Db.number(
        "SELECT allocation_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
        grantId,
        fiscalYear);
  }

  @Test
  void shouldAnswerADisbursementRequestWithFundsDisbursedInTheGrantEventEnvelope() {
    GrantAwarded grant =
        Awards.publish(
            producer, award("WPI", 1_400_000_000L, fy(2041, 700_000_000L), fy(2042, 700_000_000L)));
    DisbursementRequested request = request(grant, 2041, 250_000_000L);

    EventEnvelope sent = producer.send(request);
    LedgerEventsReader.Answer answer = ledgerEvents.awaitAnswer(request.disbursementId());

    assertThat(answer.key()).isEqualTo(grant.grantId().toString());
    assertThat(answer.envelope().type()).isEqualTo("jp.grants.ledger.FundsDisbursed");
    assertThat(answer.envelope().source()).isEqualTo("/ledger-service");
    assertThat(answer.envelope().subject()).isEqualTo(grant.grantId().toString());
    assertThat(answer.envelope().causationid()).isEqualTo(sent.id());
    assertThat(answer.envelope().correlationid()).isEqualTo(sent.correlationid());
    FundsDisbursed paid = (FundsDisbursed) answer.event();
    assertThat(paid.amountYen()).isEqualTo(250_000_000L);
    assertThat(paid.programCode()).isEqualTo("WPI");
    assertThat(paid.grantYearHeadroomYen()).isEqualTo(450_000_000L);
    // Paid to the host institution on top, from the pool: 30 % of the direct amount.
    assertThat(paid.indirectCostYen()).isEqualTo(75_000_000L);
    assertThat(paid.journalEntryId()).isNotNull();
    assertThat(disbursed(grant.grantId())).isEqualTo(250_000_000L);
    assertThat(
            Db.text(
                "SELECT requested_by FROM disbursement WHERE disbursement_id = ?",
                request.disbursementId()))
        .isEqualTo("officer-7");
  }

  @Test
  void shouldAnswerAnOverCapRequestWithDisbursementRejectedNamingTheCapAndHeadroom() {
    GrantAwarded grant =
        Awards.publish(
            producer, award("WPI", 1_400_000_000L, fy(2041, 700_000_000L), fy(2042, 700_000_000L)));
    DisbursementRequested first = request(grant, 2041, 600_000_000L);
    DisbursementRequested tooMuch = request(grant, 2041, 200_000_000L);
    producer.send(first);
    producer.send(tooMuch);

    DisbursementRejected refused =
        (DisbursementRejected) ledgerEvents.awaitAnswer(tooMuch.disbursementId()).event();

    assertThat(ledgerEvents.awaitAnswer(first.disbursementId()).event())
        .isInstanceOf(FundsDisbursed.class);
    assertThat(refused.rule()).isEqualTo("LEDGER-CAP-GRANT-FISCAL-YEAR");
    assertThat(refused.capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
    assertThat(refused.amountYen()).isEqualTo(200_000_000L);
    assertThat(refused.headroomYen()).isEqualTo(100_000_000L);
    assertThat(refused.reason()).contains("100,000,000 yen left of its FY2041 allocation");
    assertThat(disbursed(grant.grantId())).isEqualTo(600_000_000L);
  }

  @Test
  void shouldApplyARedeliveredRequestOnceAndAnswerItOnce() {
    GrantAwarded grant =
        Awards.publish(producer, award("WPI", 700_000_000L, fy(2041, 700_000_000L)));
    DisbursementRequested request = request(grant, 2041, 100_000_000L);
    EventEnvelope envelope = producer.send(request);
    producer.resend(envelope);
    producer.resend(envelope);
    // The same disbursement asked for again in a new event: the id is the idempotency key.
    EventEnvelope again = producer.send(request);
    Db.awaitApplied(again);

    ledgerEvents.awaitAnswer(request.disbursementId());
    ledgerEvents.drain(Duration.ofSeconds(2));

    assertThat(ledgerEvents.answersTo(request.disbursementId())).hasSize(1);
    assertThat(disbursed(grant.grantId())).isEqualTo(100_000_000L);
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE disbursement_id = ?",
                request.disbursementId()))
        .isEqualTo(1);
    assertThat(Db.number("SELECT count(*) FROM inbox WHERE event_id = ?", envelope.id()))
        .isEqualTo(1);
  }

  @Test
  void shouldPassOverATypeItDoesNotHandleByTheRecordHeaderWithoutReadingTheValue() {
    GrantAwarded grant = award("WPI", 700_000_000L, fy(2041, 700_000_000L));
    String key = grant.grantId().toString();
    byte[] unreadable = "not a CloudEvent".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    producer.sendRaw(
        key,
        unreadable,
        "event-type",
        jp.grants.contracts.EventTypes.nameOf(
            jp.grants.contracts.grant.AnnualFollowUpReported.class));
    producer.sendRaw(
        key,
        unreadable,
        "event-type",
        jp.grants.contracts.EventTypes.nameOf(DisbursementRequested.class));

    // The award, on the same partition after both, is applied: both records before it were dealt
    // with.
    Awards.publish(producer, grant);

    // The follow-up was passed over by its header (an unreadable value would have been
    // dead-lettered);
    // a type the ledger handles is read, and its unreadable value dead-lettered.
    assertThat(Db.number("SELECT count(*) FROM inbox_dead_letter WHERE record_key = ?", key))
        .isEqualTo(1);
    assertThat(Db.text("SELECT reason FROM inbox_dead_letter WHERE record_key = ?", key))
        .contains("CloudEvents");
  }

  @Test
  void shouldApplyARedeliveredAwardOnce() {
    GrantAwarded grant = award("WPI", 700_000_000L, fy(2041, 700_000_000L));
    EventEnvelope envelope = producer.send(grant);
    producer.resend(envelope);
    EventEnvelope marker =
        producer.send(new GrantClosed(grant.grantId(), "marker: everything before it applied"));
    Db.awaitApplied(marker);

    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE grant_id = ? AND kind = 'GRANT_AWARDED'",
                grant.grantId()))
        .isEqualTo(1);
  }

  @Test
  void shouldFollowAGrantsMoneyFromAwardThroughStageGateExtensionDisbursementsAndTermination() {
    // WPI CORE: 500,000,000 yen a year before step-up, up to 700,000,000 after.
    GrantAwarded grant =
        Awards.publish(
            producer,
            award(
                "WPI-CORE",
                2_500_000_000L,
                fy(2043, 500_000_000L),
                fy(2044, 500_000_000L),
                fy(2045, 500_000_000L),
                fy(2046, 500_000_000L),
                fy(2047, 500_000_000L)));
    UUID id = grant.grantId();
    DisbursementRequested paid2043 = request(grant, 2043, 400_000_000L);
    producer.send(paid2043);
    Db.awaitApplied(
        producer.send(
            new StageGatePassed(
                id,
                2044,
                "INITIAL",
                "STEP-UP",
                List.of(fy(2045, 700_000_000L), fy(2046, 700_000_000L), fy(2047, 700_000_000L)),
                3_100_000_000L,
                null)));
    assertThat(allocation(id, 2045)).isEqualTo(700_000_000L);
    assertThat(allocation(id, 2044)).isEqualTo(500_000_000L);

    Db.awaitApplied(
        producer.send(
            new GrantExtended(
                id, 1, 2048, "STEP-UP", List.of(fy(2048, 300_000_000L)), 3_400_000_000L)));
    DisbursementRequested paid2045 = request(grant, 2045, 650_000_000L);
    producer.send(paid2045);
    Db.awaitApplied(producer.send(new GrantTerminated(id, 2045, "host withdrew")));
    DisbursementRequested after = request(grant, 2046, 1_000L);
    producer.send(after);

    assertThat(ledgerEvents.awaitAnswer(paid2043.disbursementId()).event())
        .isInstanceOf(FundsDisbursed.class);
    assertThat(ledgerEvents.awaitAnswer(paid2045.disbursementId()).event())
        .isInstanceOf(FundsDisbursed.class);
    DisbursementRejected refused =
        (DisbursementRejected) ledgerEvents.awaitAnswer(after.disbursementId()).event();
    assertThat(refused.rule()).isEqualTo("GRANT-NOT-ACTIVE");
    assertThat(allocation(id, 2046)).isZero();
    assertThat(allocation(id, 2048)).isZero();
    // What is left: 2043-2045 allocations (500 + 500 + 700 million), of which 1,050 million was
    // paid.
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("TERMINATED"))
        .body("lastFiscalYear", equalTo(2045))
        .body("totalCapYen", equalTo(1_700_000_000))
        .body("allocatedYen", equalTo(1_700_000_000))
        .body("fiscalYears.fiscalYear", equalTo(List.of(2043, 2044, 2045, 2046, 2047, 2048)))
        .body("fiscalYears.disbursedYen", equalTo(List.of(400_000_000, 0, 650_000_000, 0, 0, 0)))
        .body("disbursedYen", equalTo(1_050_000_000))
        .body("headroomYen", equalTo(650_000_000));
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + id + "/journal")
        .then()
        .statusCode(200)
        .body(
            "kind",
            equalTo(
                List.of(
                    "GRANT_AWARDED",
                    "DISBURSED",
                    "ALLOCATION_CHANGED",
                    "ALLOCATION_CHANGED",
                    "DISBURSED",
                    "ALLOCATION_RELEASED")));
    assertCapAccountsMatchTheCaps(id);
  }

  @Test
  void shouldWindAGrantDownAfterAFailedStageGate() {
    GrantAwarded grant =
        Awards.publish(
            producer,
            award(
                "WPI-CORE",
                2_000_000_000L,
                fy(2043, 500_000_000L),
                fy(2044, 500_000_000L),
                fy(2045, 500_000_000L),
                fy(2046, 500_000_000L)));
    UUID id = grant.grantId();

    Db.awaitApplied(
        producer.send(
            new StageGateFailed(
                id,
                2044,
                "requirements not met",
                2045,
                List.of(fy(2045, 200_000_000L), fy(2046, 500_000_000L)),
                1_200_000_000L,
                null)));

    assertThat(allocation(id, 2045)).isEqualTo(200_000_000L);
    assertThat(allocation(id, 2046)).isZero();
    assertThat(Db.number("SELECT end_fiscal_year FROM grant_account WHERE grant_id = ?", id))
        .isEqualTo(2045);
    assertCapAccountsMatchTheCaps(id);
  }

  @Test
  // Within the fund's term (FY2022 to FY2035): the fund pays the direct costs and 30 % indirect on
  // top.
  void shouldKeepKakenhiInternationalLeadingResearchWithinItsTotalOf500MillionYen() {
    GrantAwarded grant =
        Awards.publish(
            producer,
            award(
                "KAKENHI-ILR",
                500_000_000L,
                fy(2027, 100_000_000L),
                fy(2028, 100_000_000L),
                fy(2029, 100_000_000L),
                fy(2030, 100_000_000L),
                fy(2031, 100_000_000L),
                fy(2032, 100_000_000L),
                fy(2033, 100_000_000L)));
    List<DisbursementRequested> requests =
        List.of(2027, 2028, 2029, 2030, 2031, 2032).stream()
            .map(year -> request(grant, year, 90_000_000L))
            .toList();
    requests.forEach(producer::send);

    var answers =
        ledgerEvents.awaitAnswers(
            requests.stream().map(DisbursementRequested::disbursementId).toList());

    DisbursementRejected sixth =
        (DisbursementRejected) answers.get(requests.get(5).disbursementId()).get(0).event();
    assertThat(sixth.capLevel()).isEqualTo(CapLevel.GRANT_TOTAL);
    assertThat(sixth.headroomYen()).isEqualTo(50_000_000L);
    assertThat(disbursed(grant.grantId())).isEqualTo(450_000_000L);
  }

  @Test
  void shouldRefuseARequestForAGrantItNeverSawAndAClosedGrant() {
    DisbursementRequested unknown =
        new DisbursementRequested(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "WPI",
            2041,
            1_000L,
            ExpenseCategory.TRAVEL,
            null);
    GrantAwarded grant =
        Awards.publish(producer, award("WPI", 700_000_000L, fy(2041, 700_000_000L)));
    producer.send(new GrantClosed(grant.grantId(), "done"));
    DisbursementRequested closed = request(grant, 2041, 1_000L);
    producer.send(unknown);
    producer.send(closed);

    assertThat(
            ((DisbursementRejected) ledgerEvents.awaitAnswer(unknown.disbursementId()).event())
                .rule())
        .isEqualTo("UNKNOWN-GRANT");
    assertThat(
            ((DisbursementRejected) ledgerEvents.awaitAnswer(closed.disbursementId()).event())
                .rule())
        .isEqualTo("GRANT-NOT-ACTIVE");
    assertThat(allocation(grant.grantId(), 2041)).isZero();
  }

  /**
   * 中断: while grant-service has the grant suspended the ledger pays nothing, whether asked over
   * Kafka or by finance over REST, and the caps do not move; once resumed it pays again.
   */
  @Test
  void shouldRefuseEveryPaymentOfASuspendedGrantAndPayAgainOnceResumed() {
    GrantAwarded grant =
        Awards.publish(producer, award("WPI", 700_000_000L, fy(2041, 700_000_000L)));
    Db.awaitApplied(
        producer.send(
            new GrantSuspended(grant.grantId(), LocalDate.of(2041, 6, 1), "ACTIVE", "inquiry")));
    DisbursementRequested whileSuspended = request(grant, 2041, 1_000_000L);
    producer.send(whileSuspended);

    DisbursementRejected refused =
        (DisbursementRejected) ledgerEvents.awaitAnswer(whileSuspended.disbursementId()).event();
    assertThat(refused.rule()).isEqualTo("GRANT-SUSPENDED");
    assertThat(refused.reason()).contains("suspended");
    given()
        .header("Authorization", Tokens.finance())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                grant.grantId().toString(),
                "fiscalYear",
                2041,
                "amountYen",
                1_000L,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("GRANT-SUSPENDED"));
    assertThat(disbursed(grant.grantId())).isZero();
    assertThat(Db.text("SELECT status FROM grant_account WHERE grant_id = ?", grant.grantId()))
        .isEqualTo("SUSPENDED");

    Db.awaitApplied(
        producer.send(
            new GrantResumed(
                grant.grantId(), LocalDate.of(2041, 9, 1), 92, "ACTIVE", "inquiry closed")));
    DisbursementRequested resumed = request(grant, 2041, 1_000_000L);
    producer.send(resumed);

    assertThat(ledgerEvents.awaitAnswer(resumed.disbursementId()).event())
        .isInstanceOf(FundsDisbursed.class);
    assertThat(disbursed(grant.grantId())).isEqualTo(1_000_000L);
  }

  /**
   * A no-cost extension moves the term's end and no cap (ASPIRE's fund covers FY2022 to FY2034):
   * the new year opens with nothing allocated, so a payment into it is refused on the year's cap
   * while the total stays where it was.
   */
  @Test
  void shouldOpenTheYearsOfANoCostExtensionWithNothingAllocated() {
    GrantAwarded grant =
        Awards.publish(
            producer, award("ASPIRE", 60_000_000L, fy(2031, 30_000_000L), fy(2032, 30_000_000L)));
    UUID id = grant.grantId();
    Db.awaitApplied(producer.send(new NoCostExtensionGranted(id, 1, 2033, "delayed fieldwork")));

    assertThat(Db.number("SELECT end_fiscal_year FROM grant_account WHERE grant_id = ?", id))
        .isEqualTo(2033L);
    assertThat(allocation(id, 2033)).isZero();
    assertThat(Db.number("SELECT total_cap_yen FROM grant_account WHERE grant_id = ?", id))
        .isEqualTo(60_000_000L);
    DisbursementRequested intoTheNewYear = request(grant, 2033, 1_000L);
    producer.send(intoTheNewYear);
    DisbursementRejected refused =
        (DisbursementRejected) ledgerEvents.awaitAnswer(intoTheNewYear.disbursementId()).event();
    assertThat(refused.capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
    assertThat(refused.headroomYen()).isZero();
    DisbursementRequested inTheTerm = request(grant, 2032, 1_000L);
    producer.send(inTheTerm);
    assertThat(ledgerEvents.awaitAnswer(inTheTerm.disbursementId()).event())
        .isInstanceOf(FundsDisbursed.class);
    assertCapAccountsMatchTheCaps(id);
  }

  /** Each cap's journal account has the cap's headroom as its balance. */
  static void assertCapAccountsMatchTheCaps(UUID grantId) {
    long total =
        Db.number(
            "SELECT total_cap_yen - disbursed_yen FROM grant_account WHERE grant_id = ?", grantId);
    assertThat(balance(Accounts.grantAward(grantId))).isEqualTo(total);
    assertThat(balance(Accounts.grantDisbursed(grantId)))
        .isEqualTo(
            Db.number("SELECT disbursed_yen FROM grant_account WHERE grant_id = ?", grantId));
    for (int year = 2040; year <= 2050; year++) {
      long headroom =
          Db.number(
              "SELECT allocation_yen - disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
              grantId,
              year);
      assertThat(balance(Accounts.grantAllocation(grantId, year)))
          .as("FY%d", year)
          .isEqualTo(headroom);
    }
  }

  static long balance(String account) {
    return Db.number(
        "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?",
        account);
  }
}
