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
    return envelope(
        eventId,
        source,
        time,
        sequence,
        metadata,
        event.getClass(),
        event.grantId().toString(),
        json.valueToTree(event));
  }

  /**
   * The record value of a stored event whose data is its JSON as stored (written with this codec's
   * JSON configuration): the bytes {@link #write} gives for {@link #wrap} of the event, without
   * reading the event. The envelope is written without data, then the stored JSON appended as its
   * last member, as {@link EventEnvelope} orders it.
   *
   * @param subject the grant id
   */
  public byte[] writeStored(
      String eventId,
      String source,
      Instant time,
      Long sequence,
      EventMetadata metadata,
      Class<? extends DomainEvent> type,
      String subject,
      byte[] data) {
    byte[] head = write(envelope(eventId, source, time, sequence, metadata, type, subject, null));
    // head is {…} without data: drop its closing brace, append ,"data":<stored>}
    byte[] value = new byte[head.length - 1 + DATA_MEMBER.length + data.length + 1];
    System.arraycopy(head, 0, value, 0, head.length - 1);
    System.arraycopy(DATA_MEMBER, 0, value, head.length - 1, DATA_MEMBER.length);
    System.arraycopy(data, 0, value, head.length - 1 + DATA_MEMBER.length, data.length);
    value[value.length - 1] = '}';
    return value;
  }

  private static final byte[] DATA_MEMBER =
      ",\"data\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static EventEnvelope envelope(
      String eventId,
      String source,
      Instant time,
      Long sequence,
      EventMetadata metadata,
      Class<? extends DomainEvent> type,
      String subject,
      JsonNode data) {
    String typeName = EventTypes.nameOf(type);
    int version = EventTypes.schemaVersionOf(type);
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        eventId,
        source,
        typeName,
        subject,
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
