package jp.grants.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {
  private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
  private static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

  @Test
  void shouldTurnTheSdkOffWhenNoEndpointIsConfigured() {
    assertThat(sdkDisabled(Map.of())).isTrue();
    assertThat(sdkDisabled(Map.of(ENDPOINT, " "))).isTrue();
  }

  @Test
  void shouldTurnTheSdkOnWhenAnEndpointIsConfigured() {
    assertThat(sdkDisabled(Map.of(ENDPOINT, "http://collector:4317"))).isFalse();
    assertThat(sdkDisabled(Map.of(TRACES_ENDPOINT, "http://collector:4317"))).isFalse();
  }

  @Test
  void shouldKeepAnExplicitChoice() {
    assertThat(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "false"))).isFalse();
    assertThat(
            sdkDisabled(
                Map.of(TracingSwitch.SDK_DISABLED, "true", ENDPOINT, "http://collector:4317")))
        .isTrue();
  }

  @Test
  void shouldLeaveOtherPropertiesAlone() {
    SmallRyeConfig config = config(Map.of(ENDPOINT, "http://collector:4317"));
    assertThat(config.getValue(ENDPOINT, String.class)).isEqualTo("http://collector:4317");
    assertThat(config.getOptionalValue("quarkus.otel.traces.exporter", String.class)).isEmpty();
  }

  private static boolean sdkDisabled(Map<String, String> properties) {
    return config(properties).getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
  }

  /** As Quarkus builds it: the extension's default (false) below the configured sources. */
  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withInterceptors(new TracingSwitch())
        .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
        .withDefaultValue(TracingSwitch.SDK_DISABLED, "false")
        .build();
  }
}
