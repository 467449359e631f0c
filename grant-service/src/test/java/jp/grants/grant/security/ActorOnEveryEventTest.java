package jp.grants.grant.security;

import static jp.grants.grant.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.grant.TopicReader;
import jp.grants.infra.security.Writes;
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
 * Every event in the event store, and every event published on grant-events, names who caused it
 * and in which role: the verified token's subject and role for a REST call, the other service (as
 * "system") for an answer that arrived as an event. Nothing a caller sends can change it.
 */
@QuarkusTest
class ActorOnEveryEventTest {
  private static final String APPLICANT = "actor-check-applicant";
  private static final String OFFICER = "actor-check-officer";
  private static final String FINANCE = "actor-check-finance";
  private static final String IMPOSTOR = "someone-else";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRecordTheTokensActorAndRoleOnEveryStoredAndPublishedEvent() throws Exception {
    // ASPIRE: a program officer may award it directly (with a reason), so the officer is the
    // award's actor.
    UUID grant =
        UUID.fromString(
            as(APPLICANT, Roles.APPLICANT)
                .body(Lifecycle.proposal("ASPIRE", "Kyoto University"))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    as(OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("eligible", true))
        .post("/api/v1/grants/" + grant + "/screening")
        .then()
        .statusCode(200);
    as(OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("reason", "selected by JST's panel"))
        .post("/api/v1/grants/" + grant + "/award")
        .then()
        .statusCode(200);
    as(APPLICANT, Roles.APPLICANT)
        .body(Lifecycle.followUp())
        .post("/api/v1/grants/" + grant + "/follow-ups")
        .then()
        .statusCode(200);
    UUID disbursement =
        UUID.fromString(
            as(FINANCE, Roles.FINANCE)
                .body(Lifecycle.disbursement())
                .post("/api/v1/grants/" + grant + "/disbursement-requests")
                .then()
                .statusCode(200)
                .extract()
                .path("disbursementId"));
    answerFromTheLedger(grant, disbursement);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(OFFICER, Roles.PROGRAM_OFFICER)
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .body("disbursedYen", equalTo(1_000_000)));

    List<String> expected =
        List.of(
            APPLICANT + "/applicant",
            OFFICER + "/program-officer",
            OFFICER + "/program-officer",
            APPLICANT + "/applicant",
            FINANCE + "/finance",
            "system:ledger-service/system");
    assertThat(storedActors(grant)).containsExactlyElementsOf(expected);
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      assertThat(reader.envelopesOf(grant, expected.size()))
          .extracting(e -> e.actor() + "/" + e.actorrole())
          .containsExactlyElementsOf(expected);
    }
    // Not only this flow: every event any test of this run has stored.
    Set<String> roles = new HashSet<>(Roles.ALL);
    roles.add("system");
    List<JsonNode> all = metadata(null);
    assertThat(all)
        .isNotEmpty()
        .allSatisfy(
            meta -> {
              assertThat(text(meta, "actor")).as("actor in " + meta).isNotBlank();
              assertThat(text(meta, "actorRole")).as("role in " + meta).isIn(roles);
            });
  }

  @Test
  void shouldNeverTakeTheActorOrTheApplicantFromTheRequest() throws Exception {
    Map<String, Object> smuggled = new HashMap<>(Lifecycle.proposal("WPI", "Kyoto University"));
    smuggled.put("applicantId", IMPOSTOR);
    long before = Writes.count(List.of("domain_event_entry")).get("domain_event_entry");
    as(APPLICANT, Roles.APPLICANT).body(smuggled).post("/api/v1/grants").then().statusCode(400);
    smuggled.remove("applicantId");
    smuggled.put("actor", IMPOSTOR);
    as(APPLICANT, Roles.APPLICANT).body(smuggled).post("/api/v1/grants").then().statusCode(400);
    assertThat(Writes.count(List.of("domain_event_entry")).get("domain_event_entry"))
        .isEqualTo(before);

    UUID grant =
        UUID.fromString(
            as(APPLICANT, Roles.APPLICANT)
                .header("X-Actor", IMPOSTOR)
                .header("X-Forwarded-User", IMPOSTOR)
                .header("X-Remote-User", IMPOSTOR)
                .queryParam("applicantId", IMPOSTOR)
                .body(Lifecycle.proposal("WPI", "Kyoto University"))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    as(OFFICER, Roles.PROGRAM_OFFICER)
        .get("/api/v1/grants/" + grant)
        .then()
        .body("applicantId", equalTo(APPLICANT));
    assertThat(storedActors(grant)).containsExactly(APPLICANT + "/applicant");
    Map<String, Object> followUp = new HashMap<>(Lifecycle.followUp());
    followUp.put("actor", IMPOSTOR);
    as(APPLICANT, Roles.APPLICANT)
        .body(followUp)
        .post("/api/v1/grants/" + grant + "/follow-ups")
        .then()
        .statusCode(400);
    assertThat(
            count(
                "SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8') LIKE ?"
                    + " OR convert_from(payload, 'UTF8') LIKE ?",
                "%" + IMPOSTOR + "%",
                "%" + IMPOSTOR + "%"))
        .isZero();
  }

  /**
   * The ledger's FundsDisbursed on ledger-events, as the ledger-service publishes it (its own
   * actor).
   */
  private static void answerFromTheLedger(UUID grant, UUID disbursement) throws Exception {
    EnvelopeCodec codec = new EnvelopeCodec();
    var paid =
        new FundsDisbursed(
            grant,
            disbursement,
            "ASPIRE",
            Lifecycle.START,
            1_000_000L,
            ExpenseCategory.PERSONNEL,
            UUID.randomUUID(),
            99_000_000L);
    EventEnvelope envelope =
        codec.wrap(
            UUID.randomUUID().toString(),
            "/ledger-service",
            Instant.now(),
            null,
            new EventMetadata("corr-" + UUID.randomUUID(), null, null, null),
            paid);
    Properties properties = new Properties();
    properties.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(properties)) {
      producer
          .send(new ProducerRecord<>(Topics.LEDGER_EVENTS, grant.toString(), codec.write(envelope)))
          .get();
    }
  }

  /** "actor/role" of each stored event of the grant, in order. */
  private static List<String> storedActors(UUID grant) throws SQLException {
    return metadata(grant).stream()
        .map(meta -> text(meta, "actor") + "/" + text(meta, "actorRole"))
        .toList();
  }

  private static List<JsonNode> metadata(UUID grant) throws SQLException {
    String sql =
        "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
            + (grant == null ? "" : " WHERE aggregate_identifier = ?")
            + " ORDER BY global_index";
    List<JsonNode> all = new ArrayList<>();
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      if (grant != null) {
        statement.setString(1, grant.toString());
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          all.add(JSON.readTree(rs.getString(1)));
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }

  private static long count(String sql, String... parameters) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String text(JsonNode meta, String field) {
    JsonNode value = meta.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static DataSource dataSource() {
    return Arc.container().instance(DataSource.class).get();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
