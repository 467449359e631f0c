package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantLifecycleTest {

  @Test
  void shouldTakeAWpiProposalToAnAwardAndPublishEachStepInOrder() {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, List.of("Kyoto University")));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete")).statusCode(200)
        .header("ETag", "\"1\"");
    post(officer(), grant, "award", Map.of()).statusCode(200).body("version", equalTo(2));

    Api.officer().get("/api/v1/grants/" + grant).then().statusCode(200)
        .header("ETag", "\"2\"")
        .body("status", equalTo("ACTIVE"))
        .body("phase", equalTo("MAIN"))
        .body("totalAwardedYen", equalTo(7_000_000_000L));

    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      List<EventEnvelope> events = reader.envelopesOf(grant, 3);
      assertThat(events).extracting(EventEnvelope::type).containsExactly(
          "jp.grants.grant.ProposalSubmitted", "jp.grants.grant.ProposalScreened", "jp.grants.grant.GrantAwarded");
      assertThat(events).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
      assertThat(events.get(1).actor()).isEqualTo(Api.OFFICER);
      assertThat(events.get(1).actorrole()).isEqualTo("program-officer");
      assertThat(events.get(0).actor()).isEqualTo(Api.APPLICANT);
    }
  }
}
