package jp.grants.platform.messaging;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;

/**
 * Tracing costs nothing unless somebody collects the traces: OpenTelemetry's SDK is off ({@code
 * quarkus.otel.sdk.disabled=true}: no spans, no HTTP instrumenter, no exception rendering) unless
 * an OTLP endpoint is configured ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} or {@code
 * QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), which turns it on. An explicit {@code
 * quarkus.otel.sdk.disabled} (e.g. {@code QUARKUS_OTEL_SDK_DISABLED=false}: spans without an
 * exporter) always wins. Registered as a SmallRye config interceptor (META-INF/services), so the
 * choice is made at start-up from the runtime configuration.
 */
@Priority(Priorities.LIBRARY + 500)
public final class TracingSwitch implements ConfigSourceInterceptor {
  static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
  static final List<String> ENDPOINTS =
      List.of("quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (!SDK_DISABLED.equals(name) || isSet(value)) {
      return value;
    }
    boolean exported = ENDPOINTS.stream().map(context::proceed).anyMatch(TracingSwitch::isSet);
    return ConfigValue.builder()
        .withName(SDK_DISABLED)
        .withValue(Boolean.toString(!exported))
        .withConfigSourceName(TracingSwitch.class.getSimpleName())
        .build();
  }

  /**
   * A value somebody configured: not an extension's default (defaults come from sources of negative
   * ordinal; environment, system properties and application.properties have positive ones).
   */
  private static boolean isSet(ConfigValue value) {
    return value != null
        && value.getValue() != null
        && !value.getValue().isBlank()
        && value.getConfigSourceOrdinal() > 0;
  }
}
