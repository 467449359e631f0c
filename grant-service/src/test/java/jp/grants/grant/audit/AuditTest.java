package jp.grants.grant.audit;

import static jp.grants.grant.Api.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.audit.verifier.VerifyExport;
import jp.grants.grant.Api;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** What auditors can establish from the events alone. */
@QuarkusTest
class AuditTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  @Inject DataSource dataSource;

  private UUID grantWithHistory() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    officer()
        .header("X-Correlation-Id", "audit-trail-1")
        .body(Map.of("fiscalYear", 2030)) // WPI: year 5
        .post("/api/v1/grants/" + grant + "/evaluations/interim")
        .then()
        .statusCode(200);
    Api.interimResult(grant, "WPI", "A"); // WPI's committee grades it
    return grant;
  }

  @Test
  void shouldListEveryEventWithItsActorAndCause() {
    UUID grant = grantWithHistory();
    JsonPath history =
        Api.auditor()
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .statusCode(200)
            .body("total", equalTo(5))
            .body("events.sequence", equalTo(List.of(0, 1, 2, 3, 4)))
            .body("events.actor", everyItem(notNullValue()))
            .body("events.hash", everyItem(notNullValue()))
            .extract()
            .jsonPath();
    assertThat(history.getString("events[0].type")).isEqualTo("jp.grants.grant.ProposalSubmitted");
    assertThat(history.getString("events[0].actor")).isEqualTo(Api.APPLICANT);
    assertThat(history.getString("events[0].actorRole")).isEqualTo("applicant");
    assertThat(history.getString("events[0].command")).isEqualTo("SubmitProposalCommand");
    assertThat(history.getString("events[0].schemaVersion")).isEqualTo("1");
    assertThat(history.getString("events[3].correlationId")).isEqualTo("audit-trail-1");
    assertThat(history.getString("events[3].request"))
        .isEqualTo("POST /api/v1/grants/" + grant + "/evaluations/interim");
    assertThat(history.getString("events[3].causationId")).isNotBlank();
    assertThat(history.getString("events[1].previousHash"))
        .isEqualTo(history.getString("events[0].hash"));

    Api.auditor()
        .queryParam("type", "GrantAwarded")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .body("events", hasSize(1))
        .body("events[0].sequence", equalTo(2));
    Api.auditor()
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .body("events.sequence", equalTo(List.of(2, 3)));
    String third = history.getString("events[2].timestamp");
    Api.auditor()
        .queryParam("from", third.replace("Z", "+00:00"))
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .body("events[0].sequence", equalTo(2));
  }

  @Test
  void shouldRebuildTheStateAtAnyPastPoint() {
    UUID grant = grantWithHistory();
    Api.auditor()
        .queryParam("atSequence", 1)
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(200)
        .body("state.status", equalTo("SCREENED"))
        .body("lastSequence", equalTo(4));
    String awardedAt =
        Api.auditor()
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .extract()
            .path("events[2].timestamp");
    Api.auditor()
        .queryParam(
            "asOf", Instant.parse(awardedAt).atOffset(java.time.ZoneOffset.ofHours(9)).toString())
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .body("state.status", equalTo("ACTIVE"))
        .body("state.version", equalTo(2));
    Api.auditor()
        .queryParam("asOf", "2000-01-01T00:00:00+09:00")
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(404);
    Api.auditor().get("/api/v1/audit/grants/" + grant + "/state").then().statusCode(400);
    Api.auditor()
        .queryParam("asOf", "yesterday")
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldNameTheEventThatWasAlteredInTheDatabase() throws Exception {
    UUID grant = grantWithHistory();
    Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("eventsChecked", equalTo(5));
    String awardId =
        Api.auditor()
            .get("/api/v1/audit/grants/" + grant + "/events")
            .then()
            .extract()
            .path("events[2].eventId");

    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "UPDATE domain_event_entry SET payload ="
                    + " convert_to(replace(convert_from(payload, 'UTF8'), '700000000', '900000000'), 'UTF8')"
                    + " WHERE aggregate_identifier = ? AND sequence_number = 2")) {
      s.setString(1, grant.toString());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    try {
      Api.auditor()
          .get("/api/v1/audit/grants/" + grant + "/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("firstBrokenLink.sequence", equalTo(2))
          .body("firstBrokenLink.eventId", equalTo(awardId))
          .body("eventsChecked", equalTo(2));
    } finally {
      // put the history back: the read-model rebuild test replays every stored event and must find
      // the true ones
      try (var c = dataSource.getConnection();
          var s =
              c.prepareStatement(
                  "UPDATE domain_event_entry SET payload ="
                      + " convert_to(replace(convert_from(payload, 'UTF8'), '900000000', '700000000'), 'UTF8')"
                      + " WHERE aggregate_identifier = ? AND sequence_number = 2")) {
        s.setString(1, grant.toString());
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }
    Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/verify")
        .then()
        .body("valid", equalTo(true));
  }

  @Test
  void shouldExportAHistoryThatVerifiesOfflineAndFailsOnceTampered() throws Exception {
    UUID grant = grantWithHistory();
    String ndjson =
        Api.auditor()
            .accept("application/x-ndjson")
            .get("/api/v1/audit/grants/" + grant + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(ndjson.lines()).hasSize(6); // five events, then the exportProof line
    assertThat(ndjson.lines().toList().get(5)).startsWith("{\"exportProof\":");
    Path file = Files.createTempFile("export", ".ndjson");
    Files.writeString(file, ndjson);
    assertThat(verify(file)).startsWith("OK: 5 events of 1 grant(s)");

    Files.writeString(
        file,
        ndjson
            .replaceFirst("\"grade\":\"A\"", "\"grade\":\"S\"")
            .replaceFirst(
                "(\"sequence\":4,.*?\"payload\":\")[^\"]+",
                "$1"
                    + java.util.Base64.getEncoder()
                        .encodeToString("{\"grade\":\"S\"}".getBytes(StandardCharsets.UTF_8))));
    assertThat(verify(file)).startsWith("BAD line 5:");
  }

  @Test
  void shouldRequireProgramAndFiscalYearForTheProgramExportAndReconciliation() {
    for (String path : List.of("/api/v1/audit/export", "/api/v1/audit/reconciliation")) {
      Api.auditor()
          .queryParam("fiscalYear", 2042)
          .get(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(
              "errors.field",
              org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("program")));
      Api.auditor()
          .queryParam("program", "WPI")
          .get(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(
              "errors.field",
              org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("fiscalYear")));
      var parameters =
          io.restassured.RestAssured.given()
              .accept("application/json")
              .get("/q/openapi?format=json")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("paths.'" + path + "'.get.parameters", java.util.Map.class);
      assertThat(parameters)
          .filteredOn(p -> List.of("program", "fiscalYear").contains(p.get("name")))
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.get("required")).isEqualTo(true));
    }
  }

  @Test
  void shouldExportEveryGrantOfAProgramAndYear() throws Exception {
    UUID first = Api.awarded("SATREPS", 2040, 3, 35_000_000L, KYOTO);
    UUID second = Api.awarded("SATREPS", 2041, 3, 30_000_000L, KYOTO);
    Api.awarded("SATREPS", 2050, 3, 30_000_000L, KYOTO);
    String ndjson =
        Api.auditor()
            .queryParam("program", "SATREPS")
            .queryParam("fiscalYear", 2042)
            .accept("application/x-ndjson")
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(
            ndjson
                .lines()
                .map(
                    l ->
                        l.substring(
                            l.indexOf("\"grantId\":\"") + 11, l.indexOf("\"grantId\":\"") + 47))
                .distinct())
        .containsExactlyInAnyOrder(first.toString(), second.toString());
    Path file = Files.createTempFile("program", ".ndjson");
    Files.writeString(file, ndjson);
    assertThat(verify(file)).startsWith("OK: 6 events of 2 grant(s)");
  }

  @Test
  void shouldRebuildTheReadModelIntoTheSameRows() throws Exception {
    grantWithHistory();
    Api.awarded("NEXUS", 2030, 5, 50_000_000L, KYOTO);
    // "caught up" can be reported just before the processor sees the newest event: wait for the
    // rows too
    await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp() && current());
    String before = readModel();

    Api.as("admin-1", Roles.ADMIN)
        .post("/api/v1/admin/projections/grant-read-model/rebuild")
        .then()
        .statusCode(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp() && readModel().equals(before));
    assertThat(readModel()).isEqualTo(before);
    Api.as("admin-1", Roles.ADMIN)
        .post("/api/v1/admin/projections/kafka-publisher/rebuild")
        .then()
        .statusCode(404);
    Api.auditor().post("/api/v1/admin/projections/grant-read-model/rebuild").then().statusCode(403);
  }

  private boolean caughtUp() {
    JsonPath status =
        Api.as("admin-1", Roles.ADMIN)
            .get("/api/v1/admin/projections/grant-read-model")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return !status.getBoolean("replaying")
        && status.getList("segments.caughtUp", Boolean.class).stream().allMatch(b -> b);
  }

  /**
   * Whether every grant's read-model row is at its last stored event (its version is that sequence
   * number).
   */
  private boolean current() throws Exception {
    try (var c = dataSource.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT count(*) FROM (SELECT aggregate_identifier, max(sequence_number) AS last"
                    + " FROM domain_event_entry GROUP BY aggregate_identifier) e LEFT JOIN grant_summary g"
                    + " ON g.grant_id::text = e.aggregate_identifier WHERE g.version IS DISTINCT FROM e.last")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  private String readModel() throws Exception {
    StringBuilder rows = new StringBuilder();
    try (var c = dataSource.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT grant_id, program_code, status, phase, total_awarded_yen, disbursed_yen, version,"
                    + " (SELECT string_agg(institution || ':' || role, ',' ORDER BY institution, role) FROM grant_institution i"
                    + " WHERE i.grant_id = g.grant_id), indirect_cost_yen, refunded_yen, settled, final_amount_yen,"
                    + " (SELECT string_agg(d.disbursement_id || ':' || d.state || ':' || coalesce(d.indirect_cost_yen::text, '-'),"
                    + " ',' ORDER BY d.disbursement_id) FROM grant_disbursement d WHERE d.grant_id = g.grant_id)"
                    + ", end_fiscal_year, updated_at, title, pi_name, submitted_at,"
                    + " (SELECT string_agg(d.disbursement_id || ':' || d.fiscal_year || ':' || d.amount_yen || ':'"
                    + " || coalesce(d.expense_category, '-') || ':' || coalesce(d.rule, '-') || ':' || d.position || ':'"
                    + " || coalesce(d.settled_sequence::text, '-'), ',' ORDER BY d.disbursement_id) FROM grant_disbursement d"
                    + " WHERE d.grant_id = g.grant_id)"
                    + " FROM grant_summary g ORDER BY grant_id")) {
      while (rs.next()) {
        for (int i = 1; i <= 19; i++) {
          rows.append(rs.getString(i)).append('|');
        }
        rows.append('\n');
      }
    }
    return rows.toString();
  }

  private static String verify(Path file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VerifyExport.verify(file, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
