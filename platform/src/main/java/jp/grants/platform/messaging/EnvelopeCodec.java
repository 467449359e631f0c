package jp.grants.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.EventTypes;

/** Wraps events in the CloudEvents envelope and back, with the one JSON configuration of events. */
public final class EnvelopeCodec {
  private final ObjectMapper json;

  public EnvelopeCodec() {
    this(EventJson.newMapper());
  }

  public EnvelopeCodec(ObjectMapper json) {
    this.json = json;
  }

  public ObjectMapper json() {
    return json;
  }

  /**
   * The envelope of a published event.
   *
   * @param sequence the event's sequence number in its grant's stream, or null
   */
  public EventEnvelope wrap(
      String eventId,
      String source,
      Instant time,
      Long sequence,
      EventMetadata metadata,
      DomainEvent event) {
    Class<? extends DomainEvent> type = event.getClass();
    String typeName = EventTypes.nameOf(type);
    int version = EventTypes.schemaVersionOf(type);
    JsonNode data = json.valueToTree(event);
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        eventId,
        source,
        typeName,
        event.grantId().toString(),
        time.atOffset(ZoneOffset.UTC),
        EventEnvelope.JSON,
        EventEnvelope.dataSchema(typeName, version),
        version,
        sequence,
        metadata.correlationId(),
        metadata.causationId(),
        metadata.actor(),
        metadata.actorRole(),
        metadata.catalogVersion(),
        data);
  }

  public byte[] write(EventEnvelope envelope) {
    try {
      return json.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String writeString(EventEnvelope envelope) {
    try {
      return json.writeValueAsString(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public EventEnvelope read(byte[] value) {
    if (value == null) {
      throw new UnreadableEventException("the record has no value", null);
    }
    try {
      EventEnvelope envelope = json.readValue(value, EventEnvelope.class);
      if (envelope.id() == null || envelope.type() == null || envelope.data() == null) {
        throw new UnreadableEventException("the envelope lacks id, type or data", null);
      }
      return envelope;
    } catch (IOException e) {
      throw new UnreadableEventException("the record is not a CloudEvents JSON envelope", e);
    }
  }

  /** The event inside an envelope, if its type is one this build knows. */
  public Optional<DomainEvent> data(EventEnvelope envelope) {
    Optional<Class<? extends DomainEvent>> type = EventTypes.classOf(envelope.type());
    if (type.isEmpty()) {
      return Optional.empty();
    }
    int known = EventTypes.schemaVersionOf(type.get());
    if (envelope.schemaversion() > known) {
      throw new UnreadableEventException(
          envelope.type()
              + " schema version "
              + envelope.schemaversion()
              + " is newer than "
              + known,
          null);
    }
    try {
      return Optional.of(json.treeToValue(envelope.data(), type.get()));
    } catch (IOException e) {
      throw new UnreadableEventException(
          "the data of " + envelope.type() + " does not fit its schema", e);
    }
  }
}
