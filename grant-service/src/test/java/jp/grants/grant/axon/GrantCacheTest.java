package jp.grants.grant.axon;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.grant.Api;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.GrantRule;
import jp.grants.platform.security.Actor;
import org.junit.jupiter.api.Test;

/**
 * Grants are kept in memory between commands, and a kept grant is used only while it is the grant
 * as committed: an event appended by someone else (another instance of the service) or a
 * transaction that rolled back after Axon's unit of work had committed is never served from memory.
 */
@QuarkusTest
class GrantCacheTest {
  private static final List<String> KYOTO = List.of("Kyoto University");

  @Inject AxonRuntime axon;
  @Inject GrantGateway gateway;
  @Inject DataSource dataSource;

  @Test
  void shouldServeTheNextCommandFromMemory() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    GrantCache cache = axon.cache().orElseThrow();
    long before = cache.hits();
    followUp(grant, 2026).statusCode(200);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("followUps", hasKey("2026"));
    assertThat(cache.hits() - before)
        .as("the follow-up and the read used the grant in memory")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldLoadAGrantAgainWhenAnotherWriterAppendedToIt() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    UUID other = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    followUp(other, 2027).statusCode(200);
    String etag =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .body("followUps", not(hasKey("2027")))
            .extract()
            .header("ETag");
    long version = Long.parseLong(etag.replace("\"", ""));
    GrantCache cache = axon.cache().orElseThrow();
    long staleBefore = cache.staleEntries();

    // Another instance of the service reports the FY2027 follow-up of the grant: its event is in
    // the
    // store, this instance's memory does not know it.
    appendCopyOfFollowUp(other, grant, version + 1);

    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", "\"" + (version + 1) + "\"")
        .body("followUps", hasKey("2027"));
    assertThat(cache.staleEntries() - staleBefore).isEqualTo(1);
    // and a command is checked against it: the follow-up of FY2027 is there already
    followUp(grant, 2027).statusCode(409).body("rule", equalTo(GrantRule.FOLLOW_UP_ONCE.code()));
  }

  @Test
  void shouldForgetWhatATransactionThatRolledBackAppended() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    String etag =
        officer().get("/api/v1/grants/" + grant).then().statusCode(200).extract().header("ETag");

    // Axon's unit of work commits inside the transaction (the grant in memory has the follow-up);
    // then the transaction rolls back, as when the idempotency record or the commit itself fails.
    QuarkusTransaction.begin();
    gateway.send(
        new ReportAnnualFollowUpCommand(grant, null, 2026, 8, 80, 40, 12, "report"),
        new Actor("applicant-test", "applicant"),
        null,
        "test");
    QuarkusTransaction.rollback();

    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", etag)
        .body("followUps", not(hasKey("2026")));
    followUp(grant, 2026).statusCode(200);
  }

  private static io.restassured.response.ValidatableResponse followUp(UUID grant, int fiscalYear) {
    return post(
        Api.applicant(),
        grant,
        "follow-ups",
        Map.of(
            "fiscalYear",
            fiscalYear,
            "principalInvestigators",
            8,
            "totalStaff",
            80,
            "researchers",
            40,
            "researchersFromAbroad",
            12));
  }

  /**
   * The other grant's follow-up event, stored as the grant's next event (the chain's trigger hashes
   * it).
   */
  private void appendCopyOfFollowUp(UUID from, UUID to, long sequence) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data)"
                    + " SELECT ?, ?, ?, type, time_stamp, payload_type, payload_revision,"
                    + " convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'), meta_data"
                    + " FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%AnnualFollowUpReported'")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, to.toString());
      insert.setLong(3, sequence);
      insert.setString(4, from.toString());
      insert.setString(5, to.toString());
      insert.setString(6, from.toString());
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }
}
