package jp.grants.grant.messaging;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.AnnualReportAccepted;
import jp.grants.contracts.ledger.FundsCarriedOver;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.FundsRefunded;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Committee decisions and ledger answers reach the grant exactly once, however often they arrive.
 */
@QuarkusTest
class DecisionListenersTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  private final EnvelopeCodec codec = new EnvelopeCodec();
  @Inject DataSource dataSource;
  @Inject ConsumerSettings consumers;

  @Test
  void shouldAwardOnceOnACommitteesDecisionDeliveredTwice() throws Exception {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    post(officer(), grant, "screening", Map.of("eligible", true)).statusCode(200);
    var decision =
        new ReviewCompleted(
            UUID.randomUUID(),
            grant,
            "WPI",
            ReviewKind.SELECTION,
            2026,
            Recommendation.AWARD,
            null,
            450,
            "outstanding",
            "WPI",
            List.of());
    EventEnvelope envelope = envelope("/review-service", decision, "chair-1", "committee-chair");
    send(Topics.REVIEW_EVENTS, envelope);
    RecordMetadata duplicate = send(Topics.REVIEW_EVENTS, envelope);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer().get("/api/v1/grants/" + grant).then().body("status", equalTo("ACTIVE")));
    consumedPast(consumers.reviewEvents(), duplicate);
    officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"2\"");
    Api.auditor()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("totalAwardedYen", equalTo(7_000_000_000L));
  }

  @Test
  void shouldStepUpOnAPassedStageGateReview() throws Exception {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 500_000_000L, KYOTO);
    post(
            Api.applicant(),
            grant,
            "follow-ups",
            Map.of(
                "fiscalYear",
                2026,
                "principalInvestigators",
                7,
                "totalStaff",
                72,
                "researchers",
                50,
                "researchersFromAbroad",
                16))
        .statusCode(200);
    post(
            officer(),
            grant,
            "stage-gate",
            Map.of("fiscalYear", 2027, "scheduledOn", LocalDate.of(2027, 6, 1).toString()))
        .statusCode(200);
    var decision =
        new ReviewCompleted(
            UUID.randomUUID(),
            grant,
            "WPI-CORE",
            ReviewKind.STAGE_GATE,
            2027,
            Recommendation.PASS,
            null,
            420,
            "ready to step up",
            "WPI-CORE",
            Api.plan(2028, 8, 700_000_000L).stream()
                .map(
                    m ->
                        new jp.grants.contracts.FiscalYearAmount(
                            (Integer) m.get("fiscalYear"), (Long) m.get("amountYen")))
                .toList());
    send(Topics.REVIEW_EVENTS, envelope("/review-service", decision, "chair-2", "committee-chair"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .body("phase", equalTo("STEP-UP"))
                    .body("stageGate.outcome", equalTo("PASSED"))
                    .body("totalAwardedYen", equalTo(2 * 500_000_000L + 8 * 700_000_000L)));
  }

  @Test
  void shouldRecordTheLedgersPaymentOnceAndKeepGoingPastARecordItCannotApply() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    JsonPath requested =
        post(
                Api.finance(),
                grant,
                "disbursement-requests",
                Map.of(
                    "fiscalYear", 2026, "amountYen", 250_000_000, "expenseCategory", "PERSONNEL"))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(requested.getLong("version")).isEqualTo(3);
    UUID disbursement = UUID.fromString(requested.getString("disbursementId"));

    // A decision the grant cannot take (it was awarded already) is recorded as refused, in the
    // grant's
    // history, for review-service to reopen the review: never dead-lettered, never retried forever.
    var impossible =
        new ReviewCompleted(
            UUID.randomUUID(),
            grant,
            "WPI",
            ReviewKind.SELECTION,
            2026,
            Recommendation.DECLINE,
            null,
            100,
            "late",
            "WPI",
            List.of());
    EventEnvelope refusedDecision =
        envelope("/review-service", impossible, "chair-1", "committee-chair");
    send(Topics.REVIEW_EVENTS, refusedDecision);

    var paid =
        new FundsDisbursed(
            grant,
            disbursement,
            "WPI",
            2026,
            250_000_000L,
            ExpenseCategory.PERSONNEL,
            UUID.randomUUID(),
            450_000_000L);
    EventEnvelope envelope = envelope("/ledger-service", paid, null, null);
    send(Topics.LEDGER_EVENTS, envelope);
    RecordMetadata duplicate = send(Topics.LEDGER_EVENTS, envelope);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .body("disbursedYen", equalTo(250_000_000))
                    .body("openDisbursements", anEmptyMap())
                    .body("disbursementsByFiscalYear.'2026'.payments", equalTo(1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"5\""));
    consumedPast(consumers.ledgerEvents(), duplicate);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .header("ETag", "\"5\"")
        .body("status", equalTo("ACTIVE"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant + "/disbursements")
                    .then()
                    .body("readModelVersion", equalTo(5))
                    .body("total", equalTo(1))
                    .body("items[0].disbursementId", equalTo(disbursement.toString()))
                    .body("items[0].state", equalTo("DISBURSED")));
    JsonPath refused =
        Api.auditor()
            .queryParam("type", "CommitteeDecisionRefused")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(refused.getList("events")).hasSize(1);
    assertThat(refused.getString("events[0].data.rule")).isEqualTo("GRANT-STATUS");
    assertThat(refused.getString("events[0].data.decisionEventId")).isEqualTo(refusedDecision.id());
    assertThat(refused.getString("events[0].data.reviewId"))
        .isEqualTo(impossible.reviewId().toString());
    assertThat(refused.getString("events[0].actor")).isEqualTo("chair-1");
    assertThat(deadLetters(grant)).isZero();
  }

  /**
   * A burst of the ledger's answers for two grants, sent at once (so that the consumer finds many
   * of them in one poll and records each grant's by one command): every answer is recorded once, in
   * order, and each of its events names its own actor, correlation, causing event and command, as
   * if it had come alone.
   */
  @Test
  void shouldRecordABurstOfAnswersEachWithItsOwnWhoAndWhy() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    UUID other = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    long version = Api.version(grant);
    List<EventEnvelope> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      var paid =
          new FundsDisbursed(
              grant,
              UUID.randomUUID(),
              "WPI",
              2026,
              1_000_000L * (i + 1),
              ExpenseCategory.PERSONNEL,
              UUID.randomUUID(),
              0L,
              300_000L * (i + 1));
      burst.add(
          i % 2 == 0
              ? envelope("/ledger-service", paid, "fin-" + i, "finance")
              : envelope("/ledger-service", paid, null, null));
      burst.add(
          envelope(
              "/ledger-service",
              new FundsDisbursed(
                  other,
                  UUID.randomUUID(),
                  "WPI",
                  2026,
                  2_000_000L,
                  ExpenseCategory.PERSONNEL,
                  UUID.randomUUID(),
                  0L,
                  600_000L),
              null,
              null));
    }
    burst.add(burst.get(2)); // the same answer twice in the burst
    RecordMetadata last = sendAll(Topics.LEDGER_EVENTS, burst);
    consumedPast(consumers.ledgerEvents(), last);

    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .header("ETag", "\"" + (version + 6) + "\"")
        .body("disbursementsByFiscalYear.'2026'.payments", equalTo(6))
        .body("disbursedYen", equalTo(21_000_000));
    await() // maybe on another partition than the last record
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + other)
                    .then()
                    .body("disbursementsByFiscalYear.'2026'.payments", equalTo(6))
                    .body("disbursedYen", equalTo(12_000_000)));
    JsonPath paid =
        Api.auditor()
            .queryParam("type", "FundsDisbursed")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<EventEnvelope> ofGrant =
        burst.stream().filter(e -> e.subject().equals(grant.toString())).distinct().toList();
    assertThat(paid.getList("events")).hasSize(6);
    for (int i = 0; i < 6; i++) {
      EventEnvelope cause = ofGrant.get(i);
      String event = "events[" + i + "].";
      assertThat(paid.getLong(event + "data.amountYen")).isEqualTo(1_000_000L * (i + 1));
      assertThat(paid.getString(event + "actor"))
          .isEqualTo(i % 2 == 0 ? "fin-" + i : "system:ledger-service");
      assertThat(paid.getString(event + "actorRole")).isEqualTo(i % 2 == 0 ? "finance" : "system");
      assertThat(paid.getString(event + "correlationId")).isEqualTo(cause.correlationid());
      assertThat(paid.getString(event + "causationId")).isEqualTo(cause.id());
      assertThat(paid.getString(event + "command")).isEqualTo("RecordFundsDisbursedCommand");
      assertThat(paid.getString(event + "request"))
          .isEqualTo("event " + cause.type() + " " + cause.id() + " from ledger-service");
    }
  }

  /**
   * The ledger's carry-over, refund, accepted report and settlement are recorded in the grant's
   * history once each, however often and under whichever event id they arrive; the grant's rules
   * then work on the moved figures, and it closes with the settled final amount.
   */
  @Test
  void shouldRecordTheLedgersCarryOverRefundReportAndSettlementOnceEach() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    UUID disbursement =
        UUID.fromString(
            post(
                    Api.finance(),
                    grant,
                    "disbursement-requests",
                    Map.of(
                        "fiscalYear",
                        2026,
                        "amountYen",
                        600_000_000,
                        "expenseCategory",
                        "PERSONNEL"))
                .statusCode(200)
                .extract()
                .path("disbursementId"));
    send(
        Topics.LEDGER_EVENTS,
        envelope(
            "/ledger-service",
            new FundsDisbursed(
                grant,
                disbursement,
                "WPI",
                2026,
                600_000_000L,
                ExpenseCategory.PERSONNEL,
                UUID.randomUUID(),
                100_000_000L,
                180_000_000L),
            null,
            null));
    // 150M carried to FY2027: the 100M not paid, and 50M paid and not spent
    var carried =
        new FundsCarriedOver(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            2027,
            150_000_000L,
            50_000_000L,
            true,
            "the new building opened late",
            UUID.randomUUID());
    EventEnvelope carryOver = envelope("/ledger-service", carried, "po-jst-2", "program-officer");
    send(Topics.LEDGER_EVENTS, carryOver);
    send(Topics.LEDGER_EVENTS, carryOver);
    send(
        Topics.LEDGER_EVENTS,
        envelope("/ledger-service", carried, null, null)); // another event id, same carry-over
    var refunded =
        new FundsRefunded(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            20_000_000L,
            6_000_000L,
            0L,
            RefundKind.VOLUNTARY,
            "equipment returned",
            UUID.randomUUID());
    EventEnvelope refund = envelope("/ledger-service", refunded, null, null);
    send(Topics.LEDGER_EVENTS, refund);
    send(Topics.LEDGER_EVENTS, refund);
    send(Topics.LEDGER_EVENTS, envelope("/ledger-service", refunded, null, null));
    var report =
        new AnnualReportAccepted(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 530_000_000L)),
            530_000_000L,
            530_000_000L,
            0L,
            0L,
            null);
    send(Topics.LEDGER_EVENTS, envelope("/ledger-service", report, null, null));
    send(Topics.LEDGER_EVENTS, envelope("/ledger-service", report, null, null));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"7\""));
    // FY2027's cap grew by what was carried: 850M, of which 50M is held already
    post(
            Api.finance(),
            grant,
            "disbursement-requests",
            Map.of("fiscalYear", 2027, "amountYen", 800_000_001L, "expenseCategory", "PERSONNEL"))
        .statusCode(409)
        .body("rule", equalTo("GRANT-YEAR-ALLOCATION"));
    post(officer(), grant, "closure", Map.of("note", "done"))
        .statusCode(409)
        .body("rule", equalTo("GRANT-UNSETTLED"));

    var settled =
        new GrantSettled(
            grant,
            UUID.randomUUID(),
            "WPI",
            580_000_000L,
            174_000_000L,
            600_000_000L,
            20_000_000L,
            0L,
            List.of(
                new jp.grants.contracts.FiscalYearAmount(2026, 530_000_000L),
                new jp.grants.contracts.FiscalYearAmount(2027, 50_000_000L)),
            UUID.randomUUID());
    send(Topics.LEDGER_EVENTS, envelope("/ledger-service", settled, null, null));
    RecordMetadata duplicate =
        send(Topics.LEDGER_EVENTS, envelope("/ledger-service", settled, null, null));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().body("settled", equalTo(true)));
    consumedPast(consumers.ledgerEvents(), duplicate);
    JsonPath view =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .header("ETag", "\"8\"")
            .extract()
            .jsonPath();
    assertThat(view.getLong("allocations.find { it.fiscalYear == 2026 }.amountYen"))
        .isEqualTo(550_000_000L);
    assertThat(view.getLong("allocations.find { it.fiscalYear == 2027 }.amountYen"))
        .isEqualTo(850_000_000L);
    assertThat(view.getLong("totalAwardedYen")).isEqualTo(7_000_000_000L);
    assertThat(view.getLong("disbursementsByFiscalYear.'2026'.disbursedYen"))
        .isEqualTo(530_000_000L);
    assertThat(view.getLong("disbursementsByFiscalYear.'2027'.disbursedYen"))
        .isEqualTo(50_000_000L);
    assertThat(view.getLong("disbursedYen")).isEqualTo(580_000_000L);
    assertThat(view.getLong("indirectCostYen")).isEqualTo(174_000_000L);
    Map<String, Object> fy2026 = view.getMap("moneyByFiscalYear.'2026'");
    assertThat(fy2026)
        .containsEntry("allocatedYen", 700_000_000)
        .containsEntry("carriedOutYen", 150_000_000)
        .containsEntry("capYen", 550_000_000)
        .containsEntry("paidYen", 600_000_000)
        .containsEntry("indirectCostYen", 180_000_000)
        .containsEntry("refundedYen", 20_000_000)
        .containsEntry("indirectRefundedYen", 6_000_000)
        .containsEntry("paidCarriedOutYen", 50_000_000)
        .containsEntry("heldYen", 530_000_000)
        .containsEntry("reportedYen", 530_000_000)
        .containsEntry("unspentYen", 0)
        .containsEntry("finalYen", 530_000_000);
    Map<String, Object> fy2027 = view.getMap("moneyByFiscalYear.'2027'");
    assertThat(fy2027)
        .containsEntry("carriedInYen", 150_000_000)
        .containsEntry("paidCarriedInYen", 50_000_000)
        .containsEntry("heldYen", 50_000_000)
        .containsEntry("reportedYen", null)
        .containsEntry("finalYen", 50_000_000);
    assertThat(view.getLong("settlement.finalAmountYen")).isEqualTo(580_000_000L);

    post(officer(), grant, "closure", Map.of("note", "done"))
        .statusCode(200)
        .body("version", equalTo(9));
    Api.auditor()
        .queryParam("type", "GrantClosed")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .body("events[0].data.finalAmountYen", equalTo(580_000_000));
    // who carried it over is the ledger's actor, on the grant's event
    Api.auditor()
        .queryParam("type", "FundsCarriedOver")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .body("events", org.hamcrest.Matchers.hasSize(1))
        .body("events[0].actor", equalTo("po-jst-2"));
  }

  private int deadLetters(UUID grant) throws Exception {
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT count(*) FROM inbox_dead_letter WHERE record_key = ? AND reason LIKE '%GRANT-STATUS%'")) {
      s.setString(1, grant.toString());
      var rs = s.executeQuery();
      rs.next();
      return rs.getInt(1);
    }
  }

  private EventEnvelope envelope(String source, DomainEvent event, String actor, String role) {
    return codec.wrap(
        UUID.randomUUID().toString(),
        source,
        Instant.now(),
        null,
        new EventMetadata(UUID.randomUUID().toString(), null, actor, role),
        event);
  }

  private RecordMetadata send(String topic, EventEnvelope envelope) throws Exception {
    return sendAll(topic, List.of(envelope));
  }

  /** Sends the envelopes with one producer, without waiting between them; the last's metadata. */
  private RecordMetadata sendAll(String topic, List<EventEnvelope> envelopes) throws Exception {
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      java.util.concurrent.Future<RecordMetadata> last = null;
      for (EventEnvelope envelope : envelopes) {
        last =
            producer.send(new ProducerRecord<>(topic, envelope.subject(), codec.write(envelope)));
      }
      producer.flush();
      return last.get();
    }
  }

  /**
   * Waits until the service's consumer has committed its offset past the record: the record and
   * every one before it on its partition (the duplicates) have been handled, whatever they did.
   */
  private static void consumedPast(String consumer, RecordMetadata record) {
    Properties p = new Properties();
    p.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin = Admin.create(p)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets(consumer)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > record.offset();
              });
    }
  }
}
