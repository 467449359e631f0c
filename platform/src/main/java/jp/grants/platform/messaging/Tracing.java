package jp.grants.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.inject.spi.CDI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context across Kafka: written into record headers by every producer (the event store
 * publisher, the outbox relay), read back by every consumer, and kept as a {@code traceparent}
 * string where a hop is asynchronous (event metadata, outbox rows), so that one trace follows a
 * request from REST through the event store and Kafka into the consuming service.
 */
public final class Tracing {
  public static final String TRACEPARENT = "traceparent";
  private static final W3CTraceContextPropagator PROPAGATOR =
      W3CTraceContextPropagator.getInstance();

  private static final TextMapSetter<Headers> HEADER_SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private static final TextMapGetter<Headers> HEADER_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new java.util.ArrayList<>();
          headers.forEach(h -> keys.add(h.key()));
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private Tracing() {}

  /** The traceparent of the current span, or null outside any trace. */
  public static String currentTraceparent() {
    if (!Span.current().getSpanContext().isValid()) {
      return null; // tracing off (TracingSwitch), or no trace: nothing to render
    }
    Map<String, String> carrier = new HashMap<>();
    PROPAGATOR.inject(Context.current(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  public static Context fromTraceparent(String traceparent) {
    if (traceparent == null) {
      return Context.root();
    }
    return PROPAGATOR.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
  }

  public static Context fromHeaders(Headers headers) {
    return PROPAGATOR.extract(Context.root(), headers, HEADER_GETTER);
  }

  public static void inject(Context context, Headers headers) {
    PROPAGATOR.inject(context, headers, HEADER_SETTER);
  }

  /** Starts a span of the given kind under the parent context (ended by the caller). */
  public static Span start(String name, SpanKind kind, Context parent) {
    return tracer().spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
  }

  private static Tracer tracer() {
    return CDI.current().select(Tracer.class).get();
  }
}
