package jp.grants.grant.messaging;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service as it runs when a collector is named: an OTLP endpoint turns tracing on (platform
 * TracingSwitch). Nothing listens there; the exporter's complaints about it are silenced.
 */
public class TracingExported implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.otel.exporter.otlp.traces.endpoint",
        "http://127.0.0.1:4317",
        "quarkus.log.category.\"io.opentelemetry.exporter\".level",
        "OFF",
        "quarkus.log.category.\"io.opentelemetry.sdk\".level",
        "OFF");
  }
}
