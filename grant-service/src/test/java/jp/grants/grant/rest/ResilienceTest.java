package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import jp.grants.grant.audit.GrantReplayer;
import jp.grants.grant.axon.AxonRuntime;
import jp.grants.grant.command.GrantView;
import jp.grants.infra.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when Kafka goes away, nothing is kept only in memory, and snapshots change no
 * state.
 */
@QuarkusTest
class ResilienceTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  @Inject AxonRuntime axon;
  @Inject GrantReplayer replayer;
  @Inject DataSource dataSource;

  @Test
  void shouldPublishEveryEventInOrderOnceTheBrokerIsBackAfterAnOutage() {
    // ASPIRE: a program officer records its evaluation directly (a WPI committee's decision comes
    // over Kafka).
    UUID grant = Api.awarded("ASPIRE", 2026, 5, 100_000_000L, KYOTO);
    SharedInfrastructure.killKafka();
    try {
      // The event store is the outbox: commands go on while Kafka is away.
      post(
              Api.applicant(),
              grant,
              "follow-ups",
              Map.of(
                  "fiscalYear",
                  2026,
                  "principalInvestigators",
                  8,
                  "totalStaff",
                  90,
                  "researchers",
                  60,
                  "researchersFromAbroad",
                  20))
          .statusCode(200);
      post(officer(), grant, "evaluations/interim", Map.of("fiscalYear", 2028)).statusCode(200);
      post(
              officer(),
              grant,
              "evaluations/interim/result",
              Map.of("grade", "S", "summary", "JST's interim evaluation"))
          .statusCode(200)
          .body("version", equalTo(5));
    } finally {
      SharedInfrastructure.restartKafka();
    }
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      List<EventEnvelope> events = reader.envelopesOf(grant, 6);
      assertThat(events)
          .extracting(EventEnvelope::sequence)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(events)
          .extracting(EventEnvelope::type)
          .last()
          .isEqualTo("jp.grants.grant.InterimEvaluationCompleted");
    }
  }

  @Test
  void shouldRebuildTheSameGrantAfterARestart() {
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
                70,
                "researchers",
                40,
                "researchersFromAbroad",
                12))
        .statusCode(200);
    post(officer(), grant, "stage-gate", Map.of("fiscalYear", 2027, "scheduledOn", "2027-07-01"))
        .statusCode(200);
    Api.decideByCommittee(grant, ReviewKind.STAGE_GATE, Recommendation.PASS, List.of(), null);
    Map<String, Object> before =
        officer().get("/api/v1/grants/" + grant).then().extract().jsonPath().getMap("$");

    axon.restart();

    Map<String, Object> after =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("$");
    assertThat(after).isEqualTo(before);
    assertThat(after.get("phase")).isEqualTo("STEP-UP");
  }

  @Test
  void shouldSnapshotALongHistoryWithoutChangingItsState() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    IntStream.range(0, 60)
        .forEach(
            i ->
                post(
                        Api.finance(),
                        grant,
                        "disbursement-requests",
                        Map.of(
                            "fiscalYear",
                            2026,
                            "amountYen",
                            1_000 + i,
                            "expenseCategory",
                            "TRAVEL"))
                    .statusCode(200));

    assertThat(snapshots(grant)).isPositive();
    GrantView live =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    GrantView replayed = replayer.replay(grant, e -> true).orElseThrow();
    assertThat(live.version()).isEqualTo(62);
    assertThat(replayed).isEqualTo(live);
  }

  private int snapshots(UUID grant) throws Exception {
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")) {
      s.setString(1, grant.toString());
      ResultSet rs = s.executeQuery();
      rs.next();
      return rs.getInt(1);
    }
  }
}
