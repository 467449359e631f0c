package jp.grants.ledger.security;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.infra.JwtKeys;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Every journal entry, every disbursement and every event in the outbox names who caused it and in
 * which role, taken from the verified token (or the ledger itself for what it does on an event),
 * and nothing a caller sends can change that.
 */
@QuarkusTest
class ActorOnEveryEventTest {
  private static final String FINANCE = "actor-check-finance";
  private static final String ADMIN = "actor-check-admin";
  private static final String IMPOSTOR = "someone-else";
  private static final Set<String> ROLES = roles();

  @Test
  void shouldRecordTheTokensActorAndRoleOnEveryEntryEventAndDisbursement() {
    UUID grant = realisticFlow();

    assertThat(
            Db.text(
                "SELECT actor || '/' || actor_role FROM journal_entry WHERE grant_id = ? AND kind = 'DISBURSED'"
                    + " ORDER BY position LIMIT 1",
                grant))
        .isEqualTo(FINANCE + "/" + Roles.FINANCE);
    assertThat(
            Db.text(
                "SELECT actor || '/' || actor_role FROM journal_entry WHERE kind = 'BUDGET_SET'"
                    + " AND budget_pool = 'JSPS-INTERNATIONAL-FELLOWSHIP' AND fiscal_year = 2097"))
        .isEqualTo(ADMIN + "/" + Roles.ADMIN);
    assertThat(
            Db.text(
                "SELECT actor || '/' || actor_role FROM journal_entry WHERE grant_id = ? AND kind = 'GRANT_AWARDED'",
                grant))
        .isEqualTo("system:ledger-service/system");

    // Not only this flow: every row any test of this run has written.
    assertThat(Db.number("SELECT count(*) FROM journal_entry")).isPositive();
    assertThat(
            Db.number(
                "SELECT count(*) FROM journal_entry WHERE coalesce(trim(actor), '') = ''"
                    + " OR coalesce(trim(actor_role), '') = ''"))
        .isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM disbursement WHERE coalesce(trim(actor), '') = ''"
                    + " OR coalesce(trim(actor_role), '') = ''"))
        .isZero();
    assertThat(distinct("SELECT DISTINCT actor_role FROM journal_entry")).isSubsetOf(ROLES);
    assertThat(distinct("SELECT DISTINCT actor_role FROM disbursement")).isSubsetOf(ROLES);
    EnvelopeCodec codec = new EnvelopeCodec();
    List<String> payloads = strings("SELECT payload FROM outbox ORDER BY id");
    assertThat(payloads).isNotEmpty();
    for (String payload : payloads) {
      EventEnvelope envelope =
          codec.read(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(envelope.actor()).as("actor of outbox event " + envelope.id()).isNotBlank();
      assertThat(envelope.actorrole()).as("role of outbox event " + envelope.id()).isIn(ROLES);
    }
  }

  @Test
  void shouldNeverTakeTheActorFromTheRequest() {
    UUID grant;
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      grant =
          Awards.publish(
                  producer, award("JSPS-OVERSEAS-FELLOWSHIP", 12_000_000L, fy(2023, 6_000_000L)))
              .grantId();
    }
    Map<String, Object> body = disbursement(grant, 20_000L);
    Map<String, Object> smuggled = new HashMap<>(body);
    smuggled.put("actor", IMPOSTOR);
    smuggled.put("actorRole", Roles.ADMIN);
    long before = Db.number("SELECT count(*) FROM disbursement");

    disburseNow(smuggled).statusCode(400);
    assertThat(Db.number("SELECT count(*) FROM disbursement")).isEqualTo(before);

    String id =
        disburse(body)
            .header("X-Actor", IMPOSTOR)
            .header("X-Forwarded-User", IMPOSTOR)
            .header("X-Remote-User", IMPOSTOR)
            .queryParam("actor", IMPOSTOR)
            .post("/api/v1/ledger/disbursements")
            .then()
            .statusCode(201)
            .extract()
            .path("disbursementId");
    assertThat(
            Db.text(
                "SELECT actor || '/' || actor_role FROM disbursement WHERE disbursement_id = ?",
                UUID.fromString(id)))
        .isEqualTo(FINANCE + "/" + Roles.FINANCE);
    assertThat(
            Db.text(
                "SELECT actor || '/' || actor_role FROM journal_entry WHERE disbursement_id = ?",
                UUID.fromString(id)))
        .isEqualTo(FINANCE + "/" + Roles.FINANCE);
    assertThat(Db.number("SELECT count(*) FROM journal_entry WHERE actor = ?", IMPOSTOR)).isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM disbursement WHERE actor = ? OR requested_by = ?",
                IMPOSTOR,
                IMPOSTOR))
        .isZero();
    assertThat(Db.number("SELECT count(*) FROM outbox WHERE payload LIKE ?", "%" + IMPOSTOR + "%"))
        .isZero();
  }

  /**
   * An award from grant-events, a REST disbursement, a refusal, a budget override and a request by
   * event.
   */
  private static UUID realisticFlow() {
    UUID grant;
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      grant =
          Awards.publish(
                  producer,
                  award(
                      "JSPS-OVERSEAS-FELLOWSHIP",
                      12_000_000L,
                      fy(2023, 6_000_000L),
                      fy(2024, 6_000_000L)))
              .grantId();
      disburseNow(disbursement(grant, 100_000L)).statusCode(201);
      disburseNow(disbursement(grant, 7_000_000L)).statusCode(409);
      given()
          .auth()
          .oauth2(JwtKeys.shared().token(ADMIN, Roles.ADMIN))
          .contentType(ContentType.JSON)
          .body(Map.of("budgetYen", 500_000_000L, "reason", "actor check"))
          .put("/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/2097/budget")
          .then()
          .statusCode(200);
      EventEnvelope request =
          producer.send(
              new DisbursementRequested(
                  grant,
                  UUID.randomUUID(),
                  "JSPS-OVERSEAS-FELLOWSHIP",
                  2023,
                  50_000L,
                  jp.grants.contracts.ExpenseCategory.STAY,
                  "by event"));
      Db.awaitApplied(request);
    }
    return grant;
  }

  private static Map<String, Object> disbursement(UUID grant, long amountYen) {
    return Map.of(
        "grantId",
        grant.toString(),
        "fiscalYear",
        2023,
        "amountYen",
        amountYen,
        "expenseCategory",
        "TRAVEL",
        "purpose",
        "actor check");
  }

  private static io.restassured.specification.RequestSpecification disburse(
      Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(JwtKeys.shared().token(FINANCE, Roles.FINANCE))
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body);
  }

  private static io.restassured.response.ValidatableResponse disburseNow(Map<String, Object> body) {
    return disburse(body).post("/api/v1/ledger/disbursements").then();
  }

  private static Set<String> roles() {
    Set<String> roles = new java.util.HashSet<>(Roles.ALL);
    roles.add("system");
    return roles;
  }

  private static List<String> distinct(String sql) {
    return strings(sql);
  }

  private static List<String> strings(String sql) {
    List<String> values = new ArrayList<>();
    try (var c = Db.dataSource().getConnection();
        var rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return values;
  }
}
