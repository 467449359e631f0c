package jp.grants.grant.axon;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies who and why from a command to every event it causes: the actor and role (from the caller's
 * token), the request's correlation id, the command's own id as causation id, and the command's
 * name and request line.
 */
public final class CausationCorrelationProvider implements CorrelationDataProvider {
  @Override
  public Map<String, ?> correlationDataFor(Message<?> message) {
    Map<String, Object> data = new HashMap<>();
    copy(message, EventMetadataKeys.ACTOR, data);
    copy(message, EventMetadataKeys.ACTOR_ROLE, data);
    copy(message, EventMetadataKeys.CORRELATION_ID, data);
    copy(message, EventMetadataKeys.REQUEST, data);
    copy(message, EventMetadataKeys.TRACEPARENT, data);
    data.put(EventMetadataKeys.CAUSATION_ID, message.getIdentifier());
    data.put(EventMetadataKeys.COMMAND, message.getPayloadType().getSimpleName());
    return data;
  }

  private static void copy(Message<?> message, String key, Map<String, Object> data) {
    Object value = message.getMetaData().get(key);
    if (value != null) {
      data.put(key, value);
    }
  }
}
