package jp.grants.platform.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The event type as a Kafka record header beside the CloudEvents envelope (structured mode): a
 * consumer passes over the types it does not handle without parsing the record's value. The
 * envelope stays the source of truth; a record without the header is parsed as before.
 */
public final class EventHeaders {
  /** The envelope's {@code type}, e.g. {@code jp.grants.grant.FundsDisbursed}. */
  public static final String TYPE = "event-type";

  private EventHeaders() {}

  public static void addType(Headers headers, String type) {
    if (type != null) {
      headers.add(TYPE, type.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The type the record's header names, or null when it has none. */
  public static String typeOf(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(TYPE);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
