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
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Committee decisions and ledger answers reach the grant exactly once, however often they arrive. */
@QuarkusTest
class DecisionListenersTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  private final EnvelopeCodec codec = new EnvelopeCodec();
  @Inject DataSource dataSource;

  @Test
  void shouldAwardOnceOnACommitteesDecisionDeliveredTwice() throws Exception {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    post(officer(), grant, "screening", Map.of("eligible", true)).statusCode(200);
    var decision = new ReviewCompleted(UUID.randomUUID(), grant, "WPI", ReviewKind.SELECTION, 2026,
        Recommendation.AWARD, null, 450, "outstanding", "WPI", List.of());
    EventEnvelope envelope = envelope("/review-service", decision, "chair-1", "committee-chair");
    send(Topics.REVIEW_EVENTS, envelope);
    send(Topics.REVIEW_EVENTS, envelope);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        officer().get("/api/v1/grants/" + grant).then().body("status", equalTo("ACTIVE")));
    settle();
    officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"2\"");
    Api.auditor().get("/api/v1/grants/" + grant).then().body("totalAwardedYen", equalTo(7_000_000_000L));
  }

  @Test
  void shouldStepUpOnAPassedStageGateReview() throws Exception {
    UUID grant = Api.awarded("WPI-CORE", 2026, 10, 500_000_000L, KYOTO);
    post(Api.applicant(), grant, "follow-ups", Map.of("fiscalYear", 2026, "principalInvestigators", 7,
        "totalStaff", 72, "researchers", 50, "researchersFromAbroad", 16)).statusCode(200);
    post(officer(), grant, "stage-gate", Map.of("fiscalYear", 2027, "scheduledOn", LocalDate.of(2027, 6, 1).toString()))
        .statusCode(200);
    var decision = new ReviewCompleted(UUID.randomUUID(), grant, "WPI-CORE", ReviewKind.STAGE_GATE, 2027,
        Recommendation.PASS, null, 420, "ready to step up", "WPI-CORE",
        Api.plan(2028, 8, 700_000_000L).stream()
            .map(m -> new jp.grants.contracts.FiscalYearAmount((Integer) m.get("fiscalYear"), (Long) m.get("amountYen")))
            .toList());
    send(Topics.REVIEW_EVENTS, envelope("/review-service", decision, "chair-2", "committee-chair"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        officer().get("/api/v1/grants/" + grant).then().body("phase", equalTo("STEP-UP"))
            .body("stageGate.outcome", equalTo("PASSED"))
            .body("totalAwardedYen", equalTo(2 * 500_000_000L + 8 * 700_000_000L)));
  }

  @Test
  void shouldRecordTheLedgersPaymentOnceAndKeepGoingPastARecordItCannotApply() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    JsonPath requested = post(Api.finance(), grant, "disbursement-requests", Map.of("fiscalYear", 2026,
        "amountYen", 250_000_000, "expenseCategory", "PERSONNEL")).statusCode(200).extract().jsonPath();
    assertThat(requested.getLong("version")).isEqualTo(3);
    UUID disbursement = UUID.fromString(requested.getString("disbursementId"));

    // A decision the grant cannot take (it was awarded already) is recorded as refused, in the grant's
    // history, for review-service to reopen the review: never dead-lettered, never retried forever.
    var impossible = new ReviewCompleted(UUID.randomUUID(), grant, "WPI", ReviewKind.SELECTION, 2026,
        Recommendation.DECLINE, null, 100, "late", "WPI", List.of());
    EventEnvelope refusedDecision = envelope("/review-service", impossible, "chair-1", "committee-chair");
    send(Topics.REVIEW_EVENTS, refusedDecision);

    var paid = new FundsDisbursed(grant, disbursement, "WPI", 2026, 250_000_000L, ExpenseCategory.PERSONNEL,
        UUID.randomUUID(), 450_000_000L);
    EventEnvelope envelope = envelope("/ledger-service", paid, null, null);
    send(Topics.LEDGER_EVENTS, envelope);
    send(Topics.LEDGER_EVENTS, envelope);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        officer().get("/api/v1/grants/" + grant).then().body("disbursedYen", equalTo(250_000_000))
            .body("openDisbursements", anEmptyMap())
            .body("disbursementsByFiscalYear.'2026'.payments", equalTo(1)));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"5\""));
    settle();
    officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"5\"").body("status", equalTo("ACTIVE"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        officer().get("/api/v1/grants/" + grant + "/disbursements").then().body("readModelVersion", equalTo(5))
            .body("total", equalTo(1)).body("items[0].disbursementId", equalTo(disbursement.toString()))
            .body("items[0].state", equalTo("DISBURSED")));
    JsonPath refused = Api.auditor().queryParam("type", "CommitteeDecisionRefused")
        .get("/api/v1/audit/grants/" + grant + "/events").then().statusCode(200).extract().jsonPath();
    assertThat(refused.getList("events")).hasSize(1);
    assertThat(refused.getString("events[0].data.rule")).isEqualTo("GRANT-STATUS");
    assertThat(refused.getString("events[0].data.decisionEventId")).isEqualTo(refusedDecision.id());
    assertThat(refused.getString("events[0].data.reviewId")).isEqualTo(impossible.reviewId().toString());
    assertThat(refused.getString("events[0].actor")).isEqualTo("chair-1");
    assertThat(deadLetters(grant)).isZero();
  }

  private int deadLetters(UUID grant) throws Exception {
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement("SELECT count(*) FROM inbox_dead_letter WHERE record_key = ? AND reason LIKE '%GRANT-STATUS%'")) {
      s.setString(1, grant.toString());
      var rs = s.executeQuery();
      rs.next();
      return rs.getInt(1);
    }
  }

  private EventEnvelope envelope(String source, DomainEvent event, String actor, String role) {
    return codec.wrap(UUID.randomUUID().toString(), source, Instant.now(), null,
        new EventMetadata(UUID.randomUUID().toString(), null, actor, role), event);
  }

  private void send(String topic, EventEnvelope envelope) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      producer.send(new ProducerRecord<>(topic, envelope.subject(), codec.write(envelope))).get();
    }
  }

  /** Gives a duplicate every chance to be (wrongly) applied before the version is checked. */
  private static void settle() throws InterruptedException {
    Thread.sleep(2000);
  }
}
