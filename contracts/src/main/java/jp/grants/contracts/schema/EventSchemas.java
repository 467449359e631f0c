package jp.grants.contracts.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Minimum;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.Topics;
import jp.grants.contracts.audit.AuditEvent;
import jp.grants.contracts.call.CallEvent;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.contracts.review.ReviewEvent;

/**
 * JSON Schemas (draft 2020-12) generated from the contract records, so that the published schemas
 * cannot drift from what the services really write. The committed files under {@link
 * #RESOURCE_ROOT} are checked against this generator by the contracts tests.
 *
 * <p>Mapping: every record component is a property of the same name; primitives and non-{@link
 * Nullable} components are required, {@link Nullable} ones may be null or absent; {@code
 * int}/{@code long} are integers ({@link Minimum} where the record enforces one); enums list their
 * constants; UUIDs, dates and instants are strings with a format; nested records are inlined
 * objects; lists are arrays. Objects allow additional properties on purpose: consumers ignore
 * unknown properties ({@link jp.grants.contracts.EventJson}), which is what makes an added optional
 * property a compatible change within one schema version.
 *
 * <p>Only keywords that mean the same in JSON Schema draft-07 (the base of AsyncAPI's schema
 * format) and 2020-12 are used, so the same files serve both.
 */
public final class EventSchemas {
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** Class-path folder of the committed schemas: {@code <type>/<version>.json} and the envelope. */
  public static final String RESOURCE_ROOT = "jp/grants/contracts/schemas/";

  public static final String ENVELOPE_RESOURCE = RESOURCE_ROOT + "envelope.json";
  public static final String ENVELOPE_ID = "urn:jp-grants:schema:envelope";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventSchemas() {}

  /** Where the schema of one type at one version lives, relative to the class path. */
  public static String resourcePath(String type, int version) {
    return RESOURCE_ROOT + type + "/" + version + ".json";
  }

  /**
   * Every topic that carries a published event type: its {@link #topicOf(String) topic}, and for
   * the audit events also review-service's and ledger-service's checkpoint topics (each service's
   * log on its own topic).
   */
  public static List<String> topicsOf(String type) {
    String topic = topicOf(type);
    return topic.equals(Topics.AUDIT_CHECKPOINTS)
        ? List.of(Topics.AUDIT_CHECKPOINTS, Topics.REVIEW_CHECKPOINTS, Topics.LEDGER_CHECKPOINTS)
        : List.of(topic);
  }

  /** The (first) topic that carries a published event type. */
  public static String topicOf(String type) {
    Class<? extends DomainEvent> eventClass = eventClass(type);
    if (GrantEvent.class.isAssignableFrom(eventClass)) {
      return Topics.GRANT_EVENTS;
    }
    if (LedgerEvent.class.isAssignableFrom(eventClass)) {
      return Topics.LEDGER_EVENTS;
    }
    if (ReviewEvent.class.isAssignableFrom(eventClass)) {
      return Topics.REVIEW_EVENTS;
    }
    if (AuditEvent.class.isAssignableFrom(eventClass)) {
      return Topics.AUDIT_CHECKPOINTS;
    }
    if (CallEvent.class.isAssignableFrom(eventClass)) {
      return Topics.CALL_EVENTS;
    }
    throw new IllegalArgumentException(type + " belongs to no topic");
  }

  /** The schema of the {@code data} of a published event type, at its current schema version. */
  public static ObjectNode dataSchema(String type) {
    Class<? extends DomainEvent> eventClass = eventClass(type);
    int version = EventTypes.schemaVersionOf(eventClass);
    ObjectNode schema = NODES.objectNode();
    schema.put("$schema", DIALECT);
    schema.put("$id", EventEnvelope.dataSchema(type, version));
    schema.put("title", type + " data, schema version " + version);
    schema.put(
        "description",
        "The data of a CloudEvent of type "
            + type
            + " on topic "
            + String.join(" or ", topicsOf(type))
            + " (Java record "
            + eventClass.getName()
            + "). Consumers ignore properties they do not know.");
    schema.setAll(objectSchema(eventClass, false));
    return schema;
  }

  /**
   * The CloudEvents 1.0 structured-mode envelope of every topic. Generated from {@link
   * EventEnvelope} like the event data, then narrowed by the CloudEvents rules a record cannot
   * express (fixed spec version, URI-reference source, the data schema URN).
   */
  public static ObjectNode envelopeSchema() {
    ObjectNode schema = NODES.objectNode();
    schema.put("$schema", DIALECT);
    schema.put("$id", ENVELOPE_ID);
    schema.put("title", "CloudEvents 1.0 envelope, structured JSON mode");
    schema.put(
        "description",
        "The value of every Kafka record on grant-events, ledger-events, review-events,"
            + " audit-checkpoints, review-checkpoints, ledger-checkpoints and call-events. The record"
            + " key is the grant id (= subject; on audit-checkpoints, review-checkpoints and"
            + " ledger-checkpoints the checkpoint log's id, on"
            + " call-events the call's id). data is described by the schema named in dataschema.");
    schema.setAll(objectSchema(EventEnvelope.class, true));
    ObjectNode properties = (ObjectNode) schema.get("properties");
    refine(properties, "specversion").put("const", EventEnvelope.SPEC_VERSION);
    refine(properties, "id").put("minLength", 1);
    refine(properties, "source").put("format", "uri-reference").put("minLength", 1);
    refine(properties, "type").put("pattern", "^jp\\.grants\\.[a-z]+\\.[A-Z][A-Za-z0-9]*$");
    refine(properties, "subject").put("format", "uuid");
    refine(properties, "datacontenttype").put("const", EventEnvelope.JSON);
    refine(properties, "dataschema")
        .put("pattern", "^urn:jp-grants:schema:jp\\.grants\\.[a-z]+\\.[A-Za-z0-9]+:[1-9][0-9]*$");
    refine(properties, "schemaversion").put("minimum", 1);
    refine(properties, "sequence").put("minimum", 0);
    refine(properties, "data").put("type", "object");
    return schema;
  }

  /** The committed text of a schema: two-space indentation, one entry per line, a final newline. */
  public static String render(JsonNode schema) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return JSON.writer(printer).writeValueAsString(schema) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a schema is always writable", e);
    }
  }

  private static Class<? extends DomainEvent> eventClass(String type) {
    return EventTypes.classOf(type)
        .orElseThrow(() -> new IllegalArgumentException(type + " is not a published event type"));
  }

  private static ObjectNode refine(ObjectNode properties, String name) {
    JsonNode property = properties.get(name);
    if (!(property instanceof ObjectNode object)) {
      throw new IllegalStateException("the envelope has no property " + name);
    }
    return object;
  }

  /**
   * The schema of a record: one property per component, in declaration order.
   *
   * @param nullsOmitted the record is written with {@code NON_NULL}: a null component is absent,
   *     never {@code null}, so its schema does not admit null
   */
  static ObjectNode objectSchema(Class<?> record, boolean nullsOmitted) {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    boolean omitNulls = nullsOmitted || omitsNulls(record);
    for (RecordComponent component : record.getRecordComponents()) {
      boolean optional =
          component.isAnnotationPresent(Nullable.class) && !component.getType().isPrimitive();
      ObjectNode property =
          valueSchema(
              component.getType(), component.getGenericType(), record + "." + component.getName());
      if (optional && !omitNulls) {
        admitNull(property);
      }
      Minimum minimum = component.getAnnotation(Minimum.class);
      if (minimum != null) {
        property.put("minimum", minimum.value());
      }
      properties.set(component.getName(), property);
      if (!optional) {
        required.add(component.getName());
      }
    }
    schema.set("required", required);
    schema.put("additionalProperties", true);
    return schema;
  }

  private static boolean omitsNulls(Class<?> record) {
    JsonInclude include = record.getAnnotation(JsonInclude.class);
    return include != null && include.value() == JsonInclude.Include.NON_NULL;
  }

  private static ObjectNode valueSchema(Class<?> type, Type generic, String where) {
    if (type == String.class) {
      return NODES.objectNode().put("type", "string");
    }
    if (type == UUID.class) {
      return NODES.objectNode().put("type", "string").put("format", "uuid");
    }
    if (type == LocalDate.class) {
      return NODES.objectNode().put("type", "string").put("format", "date");
    }
    if (type == OffsetDateTime.class || type == Instant.class) {
      return NODES.objectNode().put("type", "string").put("format", "date-time");
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return NODES.objectNode().put("type", "integer");
    }
    if (type == boolean.class || type == Boolean.class) {
      return NODES.objectNode().put("type", "boolean");
    }
    if (type.isEnum()) {
      ObjectNode schema = NODES.objectNode().put("type", "string");
      ArrayNode constants = schema.putArray("enum");
      for (Object constant : type.getEnumConstants()) {
        constants.add(((Enum<?>) constant).name());
      }
      return schema;
    }
    if (type.isRecord()) {
      return objectSchema(type, false);
    }
    if (Collection.class.isAssignableFrom(type)
        && generic instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
      ObjectNode schema = NODES.objectNode().put("type", "array");
      schema.set("items", valueSchema(element, element, where + "[]"));
      return schema;
    }
    if (type == JsonNode.class) {
      return NODES.objectNode();
    }
    throw new IllegalArgumentException(
        "no JSON Schema mapping for "
            + generic.getTypeName()
            + " at "
            + where
            + ": extend "
            + EventSchemas.class.getSimpleName()
            + " before publishing it");
  }

  /**
   * Null is a value of the property: add it to the type (and to the enum, which is checked
   * separately).
   */
  private static void admitNull(ObjectNode property) {
    JsonNode type = property.get("type");
    if (type != null && type.isTextual()) {
      property.set("type", NODES.arrayNode().add(type.asText()).add("null"));
    }
    if (property.get("enum") instanceof ArrayNode constants) {
      constants.addNull();
    }
  }
}
