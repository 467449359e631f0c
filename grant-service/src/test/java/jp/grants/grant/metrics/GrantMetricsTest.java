package jp.grants.grant.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import jp.grants.grant.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantMetricsTest {

  @Test
  void shouldCountCommandsByOutcomeAndRuleAndShowPublicationLag() {
    Api.awarded("WPI", 2026, 10, 700_000_000L, List.of("Kyoto University"));
    Api.applicant()
        .body(Api.proposal("WPI", 2026, 10, 700_000_001L, List.of("Kyoto University")))
        .post("/api/v1/grants")
        .then()
        .statusCode(422);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Api.auditor()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(
                        containsString(
                            "grants_commands_total{command=\"SubmitProposalCommand\",outcome=\"accepted\",rule=\"\"}"))
                    .body(
                        containsString(
                            "grants_commands_total{command=\"SubmitProposalCommand\",outcome=\"refused\",rule=\"ANNUAL-CAP\"}"))
                    .body(containsString("grants_events_appended_total{type=\"GrantAwarded\"}"))
                    .body(
                        containsString(
                            "grants_events_published_total{type=\"jp.grants.grant.GrantAwarded\"}"))
                    .body(
                        containsString(
                            "grants_processor_lag_events{processor=\"kafka-publisher\",segment=\"0\"}"))
                    .body(containsString("grants_event_store_head")));
  }

  @Test
  void shouldNotServeMetricsToAnonymousCallers() {
    given().get("/q/metrics").then().statusCode(401);
  }
}
