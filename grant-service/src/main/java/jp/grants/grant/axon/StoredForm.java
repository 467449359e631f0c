package jp.grants.grant.axon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;

/**
 * An event as the store holds it: the payload's JSON bytes and the metadata's values, read from a
 * stored message without deserializing either (issue 16: the publisher sends the stored bytes).
 * Axon hands the stored form over only to the serializer that wrote it, so {@link #SERIALIZER} is
 * the one event serializer of the service. A message that was never stored (or was upcast) is
 * serialized by it, with the same bytes as the store would hold.
 */
public final class StoredForm {
  /** The serializer of every stored grant event (payload and metadata). */
  public static final Serializer SERIALIZER = AxonRuntime.eventSerializer();

  private static final JsonFactory JSON = new JsonFactory();

  private StoredForm() {}

  /** The payload's JSON, as stored. */
  public static byte[] payload(EventMessage<?> message) {
    return message.serializePayload(SERIALIZER, byte[].class).getData();
  }

  /**
   * The metadata values of the given keys, as strings (a key missing or null is absent), parsed
   * from the stored JSON object without building it.
   */
  public static Map<String, String> metaData(EventMessage<?> message, Set<String> keys) {
    byte[] stored = message.serializeMetaData(SERIALIZER, byte[].class).getData();
    Map<String, String> values = new HashMap<>();
    try (JsonParser parser = JSON.createParser(stored)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return values;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL && keys.contains(key)) {
          values.put(key, parser.getValueAsString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the stored metadata is not a JSON object", e);
    }
    return values;
  }
}
