package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.grant.Api;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.security.Roles;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The grant shows its open disbursements and per-year sums (from the aggregate); every disbursement
 * one by one, settled ones included, is listed from the read model, which the upgrade's backfill
 * fills with exactly what the projection writes.
 */
@QuarkusTest
class GrantDisbursementsTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  private static final long M = 1_000_000L;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  @Inject DataSource dataSource;

  @Test
  void shouldShowOpenDisbursementsAndYearSumsAndListEveryDisbursementFromTheReadModel()
      throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700 * M, KYOTO);
    UUID paid = request(grant, 2026, 100 * M, "PERSONNEL");
    UUID refused = request(grant, 2026, 200 * M, "TRAVEL");
    UUID open = request(grant, 2027, 50 * M, "PERSONNEL");
    UUID direct =
        UUID.randomUUID(); // paid by the ledger on its own REST API: the grant never asked

    send(
        new FundsDisbursed(
            grant,
            paid,
            "WPI",
            2026,
            100 * M,
            ExpenseCategory.PERSONNEL,
            UUID.randomUUID(),
            600 * M));
    send(
        new DisbursementRejected(
            grant,
            refused,
            "WPI",
            2026,
            200 * M,
            "LEDGER-CAP-PROGRAM-FISCAL-YEAR",
            CapLevel.PROGRAM_FISCAL_YEAR,
            0,
            "the program's FY2026 budget is spent"));
    send(
        new FundsDisbursed(
            grant,
            direct,
            "WPI",
            2026,
            10 * M,
            ExpenseCategory.PERSONNEL,
            UUID.randomUUID(),
            590 * M));

    // The aggregate: the one open request, and what the ledger did per year.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"8\""));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("openDisbursements", aMapWithSize(1))
        .body("openDisbursements", hasKey(open.toString()))
        .body("openDisbursements." + open + ".fiscalYear", equalTo(2027))
        .body("openDisbursements." + open + ".amountYen", equalTo((int) (50 * M)))
        .body("openDisbursements." + open + ".expenseCategory", equalTo("PERSONNEL"))
        .body("disbursementsByFiscalYear", aMapWithSize(1))
        .body("disbursementsByFiscalYear.'2026'.disbursedYen", equalTo((int) (110 * M)))
        .body("disbursementsByFiscalYear.'2026'.payments", equalTo(2))
        .body("disbursementsByFiscalYear.'2026'.rejections", equalTo(1))
        .body("disbursedYen", equalTo((int) (110 * M)));
    // The settled and the open still reserve the year: 700 M allocated, 110 M paid.
    post(
            Api.finance(),
            grant,
            "disbursement-requests",
            Map.of("fiscalYear", 2026, "amountYen", 590 * M + 1, "expenseCategory", "PERSONNEL"))
        .statusCode(409)
        .body("rule", equalTo("GRANT-YEAR-ALLOCATION"));

    // The read model: all four, in the order of the grant's history.
    String list = "/api/v1/grants/" + grant + "/disbursements";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get(list).then().statusCode(200).body("readModelVersion", equalTo(8)));
    JsonPath all = officer().get(list).then().statusCode(200).extract().jsonPath();
    assertThat(all.getLong("total")).isEqualTo(4);
    assertThat(all.getList("items.disbursementId"))
        .containsExactly(paid.toString(), refused.toString(), open.toString(), direct.toString());
    assertThat(all.getList("items.state"))
        .containsExactly("DISBURSED", "REJECTED", "REQUESTED", "DISBURSED");
    assertThat(all.getList("items.sequence", Integer.class)).containsExactly(3, 4, 5, 8);
    assertThat(all.getList("items.settledSequence")).containsExactly(6, 7, null, 8);
    assertThat(all.getList("items.fiscalYear", Integer.class))
        .containsExactly(2026, 2026, 2027, 2026);
    assertThat(all.getList("items.amountYen", Long.class))
        .containsExactly(100 * M, 200 * M, 50 * M, 10 * M);
    assertThat(all.getList("items.expenseCategory"))
        .containsExactly("PERSONNEL", "TRAVEL", "PERSONNEL", "PERSONNEL");
    assertThat(all.getList("items.rule"))
        .containsExactly(null, "LEDGER-CAP-PROGRAM-FISCAL-YEAR", null, null);
    assertThat(all.getString("items[0].requestedAt")).isNotNull();
    assertThat(all.getString("items[0].settledAt")).isNotNull();
    assertThat(all.getString("items[2].settledAt")).isNull();
    assertThat(all.getString("items[3].requestedAt")).isNull();

    // Filters and pages.
    officer()
        .queryParam("state", "DISBURSED")
        .get(list)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.disbursementId", contains(paid.toString(), direct.toString()));
    officer()
        .queryParam("fiscalYear", 2027)
        .get(list)
        .then()
        .statusCode(200)
        .body("items.disbursementId", contains(open.toString()));
    officer()
        .queryParam("size", 1)
        .queryParam("page", 1)
        .get(list)
        .then()
        .statusCode(200)
        .body("total", equalTo(4))
        .body("page", equalTo(1))
        .body("size", equalTo(1))
        .body("items.disbursementId", contains(refused.toString()));
    officer()
        .queryParam("page", 9)
        .get(list)
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    officer().queryParam("state", "PAID").get(list).then().statusCode(400);
    officer().queryParam("size", 101).get(list).then().statusCode(400);

    // Who may see it: as GET /{id}.
    Api.applicant().get(list).then().statusCode(200).body("total", equalTo(4));
    Api.finance().get(list).then().statusCode(200);
    Api.auditor().get(list).then().statusCode(200);
    Api.as("another-applicant", Roles.APPLICANT).get(list).then().statusCode(404);
    Api.as("admin-1", Roles.ADMIN).get(list).then().statusCode(403);
    officer().get("/api/v1/grants/" + UUID.randomUUID() + "/disbursements").then().statusCode(404);
  }

  @Test
  void shouldShowAGrantWithoutMoneyWithEmptyDisbursements() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700 * M, KYOTO);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("openDisbursements", anEmptyMap())
        .body("disbursementsByFiscalYear", anEmptyMap())
        .body("disbursedYen", equalTo(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant + "/disbursements")
                    .then()
                    .statusCode(200)
                    .body("readModelVersion", equalTo(2))
                    .body("total", equalTo(0)));
    UUID proposed = Api.submit(Api.proposal("WPI", 2026, 10, 700 * M, KYOTO));
    // Not in the read model yet, or already: either way an empty list, never an error.
    officer()
        .get("/api/v1/grants/" + proposed + "/disbursements")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    officer().get("/api/v1/grants/" + UUID.randomUUID() + "/disbursements").then().statusCode(404);
  }

  /**
   * The upgrade's backfill (V6) writes exactly the rows the projection wrote for the same events:
   * run on an emptied table in a transaction that is rolled back, over every grant of this JVM.
   */
  @Test
  void shouldBackfillExactlyWhatTheProjectionWrites() throws Exception {
    shouldShowOpenDisbursementsAndYearSumsAndListEveryDisbursementFromTheReadModel();
    await().atMost(Duration.ofSeconds(60)).until(this::readModelCurrent);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        String projected = rows(s);
        assertThat(projected).contains("REQUESTED").contains("DISBURSED").contains("REJECTED");
        s.executeUpdate("DELETE FROM grant_disbursement");
        s.execute(backfill());
        assertThat(rows(s)).isEqualTo(projected);
      } finally {
        c.rollback();
      }
    }
  }

  private boolean readModelCurrent() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM (SELECT aggregate_identifier, max(sequence_number) AS last"
                    + " FROM domain_event_entry GROUP BY aggregate_identifier) e LEFT JOIN grant_summary g"
                    + " ON g.grant_id::text = e.aggregate_identifier WHERE g.version IS DISTINCT FROM e.last")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  private static String rows(Statement s) throws Exception {
    StringBuilder rows = new StringBuilder();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT grant_id, disbursement_id, fiscal_year, amount_yen, expense_category,"
                + " state, position, requested_at, settled_sequence, settled_at, rule FROM grant_disbursement"
                + " ORDER BY grant_id, disbursement_id")) {
      while (rs.next()) {
        for (int i = 1; i <= 11; i++) {
          rows.append(rs.getString(i)).append('|');
        }
        rows.append('\n');
      }
    }
    return rows.toString();
  }

  private static String backfill() throws IOException {
    try (InputStream in =
        GrantDisbursementsTest.class.getResourceAsStream(
            "/db/migration/V6__grant_disbursement_backfill.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static UUID request(UUID grant, int fiscalYear, long yen, String category) {
    return UUID.fromString(
        post(
                Api.finance(),
                grant,
                "disbursement-requests",
                Map.of("fiscalYear", fiscalYear, "amountYen", yen, "expenseCategory", category))
            .statusCode(200)
            .extract()
            .path("disbursementId"));
  }

  /** A ledger answer on ledger-events, as the ledger-service publishes it. */
  private void send(DomainEvent answer) throws Exception {
    var envelope =
        codec.wrap(
            UUID.randomUUID().toString(),
            "/ledger-service",
            Instant.now(),
            null,
            new EventMetadata(UUID.randomUUID().toString(), null, null, null),
            answer);
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      producer
          .send(
              new ProducerRecord<>(Topics.LEDGER_EVENTS, envelope.subject(), codec.write(envelope)))
          .get();
    }
  }
}
