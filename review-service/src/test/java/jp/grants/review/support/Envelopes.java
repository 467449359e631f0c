package jp.grants.review.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.EventTypes;

/**
 * The CloudEvents envelope built and read from the contract alone (EventEnvelope, EventTypes,
 * EventJson), independently of the platform's codec: what the tests send and check is the published
 * format itself.
 */
public final class Envelopes {
  private static final ObjectMapper JSON = EventJson.newMapper();

  private Envelopes() {}

  public static EventEnvelope wrap(
      String source, DomainEvent event, String correlationId, String actor, String role) {
    String type = EventTypes.nameOf(event.getClass());
    int version = EventTypes.schemaVersionOf(event.getClass());
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        UUID.randomUUID().toString(),
        source,
        type,
        event.grantId().toString(),
        Instant.now().atOffset(ZoneOffset.UTC),
        EventEnvelope.JSON,
        EventEnvelope.dataSchema(type, version),
        version,
        null,
        correlationId,
        null,
        actor,
        role,
        JSON.valueToTree(event));
  }

  public static byte[] write(EventEnvelope envelope) {
    try {
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EventEnvelope read(byte[] value) {
    try {
      return JSON.readValue(value, EventEnvelope.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event inside an envelope, as the type it names. */
  public static <T extends DomainEvent> T data(EventEnvelope envelope, Class<T> type) {
    if (!EventTypes.nameOf(type).equals(envelope.type())) {
      throw new IllegalArgumentException(envelope.type() + " is not " + type.getSimpleName());
    }
    try {
      return JSON.treeToValue(envelope.data(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
