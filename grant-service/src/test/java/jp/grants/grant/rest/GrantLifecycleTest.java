package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantLifecycleTest {

  @Test
  void shouldTakeAWpiProposalToAnAwardAndPublishEachStepInOrder() {
    UUID grant =
        Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, List.of("Kyoto University")));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200)
        .header("ETag", "\"1\"");
    // WPI's Program Committee selects (catalog deciders): the award comes from its decided review.
    Api.decideByCommittee(grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null);

    Api.officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("status", equalTo("ACTIVE"))
        .body("phase", equalTo("MAIN"))
        .body("totalAwardedYen", equalTo(7_000_000_000L));

    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      List<EventEnvelope> events = reader.envelopesOf(grant, 3);
      assertThat(events)
          .extracting(EventEnvelope::type)
          .containsExactly(
              "jp.grants.grant.ProposalSubmitted",
              "jp.grants.grant.ProposalScreened",
              "jp.grants.grant.GrantAwarded");
      assertThat(events).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
      assertThat(events.get(1).actor()).isEqualTo(Api.OFFICER);
      assertThat(events.get(1).actorrole()).isEqualTo("program-officer");
      assertThat(events.get(0).actor()).isEqualTo(Api.APPLICANT);
      assertThat(events.get(2).actorrole()).isEqualTo("committee-chair");
    }
  }

  @Test
  void shouldRefuseAProgramOfficersDirectAwardOfAWpiGrantAndLeaveTheGrantAsItWas() {
    UUID grant =
        Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, List.of("Kyoto University")));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200);
    post(officer(), grant, "award", Map.of("reason", "the committee agreed by mail"))
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("rule", equalTo("DECISION-BY-COMMITTEE"))
        .body("detail", containsString("review-service"));
    post(officer(), grant, "decline", Map.of("reason", "not this time"))
        .statusCode(409)
        .body("rule", equalTo("DECISION-BY-COMMITTEE"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status", equalTo("SCREENED"))
        .body("version", equalTo(1))
        .body("totalAwardedYen", equalTo(0));
  }

  @Test
  void shouldTakeAProgramOfficersDirectAwardWhereTheCatalogAllowsItOnlyWithAReasonAndRecordIt() {
    UUID grant =
        Api.submit(Api.proposal("ASPIRE", 2026, 5, 100_000_000L, List.of("Kyoto University")));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200);
    post(officer(), grant, "award", Map.of())
        .statusCode(422)
        .body("rule", equalTo("DIRECT-DECISION-REASON"));
    post(officer(), grant, "award", Map.of("reason", " "))
        .statusCode(422)
        .body("rule", equalTo("DIRECT-DECISION-REASON"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("status", equalTo("SCREENED"))
        .body("version", equalTo(1));

    String reason = "selected by JST's panel on 3 March 2026";
    post(officer(), grant, "award", Map.of("reason", reason))
        .statusCode(200)
        .body("version", equalTo(2));
    officer().get("/api/v1/grants/" + grant).then().body("status", equalTo("ACTIVE"));
    Api.auditor()
        .queryParam("type", "GrantAwarded")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("events", hasSize(1))
        .body("events[0].data.reason", equalTo(reason))
        .body("events[0].data.reviewId", nullValue())
        .body("events[0].actor", equalTo(Api.OFFICER));
  }

  @Test
  void shouldServeWhoDecidesInTheCatalog() {
    officer()
        .get("/api/v1/programs/WPI-CORE")
        .then()
        .statusCode(200)
        .body("deciders.SELECTION", equalTo("COMMITTEE"))
        .body("deciders.STAGE_GATE", equalTo("COMMITTEE"));
    officer()
        .get("/api/v1/programs/ASPIRE")
        .then()
        .statusCode(200)
        .body("deciders.SELECTION", equalTo("OFFICER_OR_COMMITTEE"))
        .body("deciders", not(hasKey("STAGE_GATE")));
  }
}
