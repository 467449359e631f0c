package jp.grants.grant.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.Topics;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Without an OTLP endpoint tracing is off (platform TracingSwitch): no spans, so a request's trace
 * context goes no further than the request. {@link TracePropagationTest}: with one.
 */
@QuarkusTest
class TracingOffTest {
  @Test
  void shouldLeaveTracingOffWhenNoEndpointIsConfigured() {
    assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class))
        .isTrue();
  }

  @Test
  void shouldPublishTheRequestsEventsWithoutATrace() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    UUID grant =
        UUID.fromString(
            Api.applicant()
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Api.proposal("WPI", 2026, 10, 700_000_000L, List.of("Kyoto University")))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      ConsumerRecord<String, byte[]> record = reader.recordsOf(grant, 1).get(0);
      assertThat(record.headers().lastHeader("event-type")).isNotNull();
      assertThat(record.headers().lastHeader("traceparent")).isNull();
    }
  }
}
