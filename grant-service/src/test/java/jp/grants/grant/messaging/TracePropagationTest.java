package jp.grants.grant.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (an OTLP endpoint configured), one trace follows a request from REST through the
 * aggregate and the event store into Kafka, and back. {@link TracingOffTest}: without one.
 */
@QuarkusTest
@TestProfile(TracingExported.class)
class TracePropagationTest {
  private static final List<String> KYOTO = List.of("Kyoto University");

  @Test
  void shouldTurnTracingOnWhenAnEndpointIsConfigured() {
    assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class))
        .isFalse();
  }

  @Test
  void shouldCarryTheRequestsTraceIntoThePublishedRecord() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    UUID grant =
        UUID.fromString(
            Api.applicant()
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO))
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      ConsumerRecord<String, byte[]> record = reader.recordsOf(grant, 1).get(0);
      assertThat(traceparent(record)).startsWith("00-" + traceId + "-");
    }
  }

  @Test
  void shouldContinueAConsumedEventsTraceIntoTheEventsItCauses() throws Exception {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, KYOTO));
    Api.post(Api.officer(), grant, "screening", Map.of("eligible", true)).statusCode(200);
    String traceId = UUID.randomUUID().toString().replace("-", "");
    var decision =
        new ReviewCompleted(
            UUID.randomUUID(),
            grant,
            "WPI",
            ReviewKind.SELECTION,
            2026,
            Recommendation.AWARD,
            null,
            400,
            "fund it",
            "WPI",
            List.of());
    EnvelopeCodec codec = new EnvelopeCodec();
    EventEnvelope envelope =
        codec.wrap(
            UUID.randomUUID().toString(),
            "/review-service",
            Instant.now(),
            null,
            new EventMetadata("corr", null, "chair-9", "committee-chair"),
            decision);
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      var record =
          new ProducerRecord<>(Topics.REVIEW_EVENTS, grant.toString(), codec.write(envelope));
      record
          .headers()
          .add(
              "traceparent",
              ("00-" + traceId + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
    try (TopicReader reader = new TopicReader(Topics.GRANT_EVENTS)) {
      ConsumerRecord<String, byte[]> awarded = reader.recordsOf(grant, 3).get(2);
      assertThat(new String(awarded.value(), StandardCharsets.UTF_8))
          .contains("jp.grants.grant.GrantAwarded");
      assertThat(traceparent(awarded)).startsWith("00-" + traceId + "-");
    }
  }

  private static String traceparent(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
