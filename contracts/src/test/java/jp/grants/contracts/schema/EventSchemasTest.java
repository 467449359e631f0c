package jp.grants.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventSamples;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Minimum;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schemas are exactly what the records generate, and no event changed
 * incompatibly without a new schema version. Regenerate with {@value
 * CommittedSchemas#HOW_TO_REGENERATE}; the regeneration refuses to overwrite a version with an
 * incompatible schema.
 */
class EventSchemasTest {

  @Test
  void committedSchemasAreWhatTheRecordsGenerate() {
    List<String> problems = new ArrayList<>();
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      check(
          type + " version " + version,
          EventSchemas.resourcePath(type, version),
          EventSchemas.dataSchema(type),
          raiseVersion(type, version),
          problems);
    }
    check(
        "the envelope",
        EventSchemas.ENVELOPE_RESOURCE,
        EventSchemas.envelopeSchema(),
        "The envelope has no version of its own: keep it compatible (add optional attributes only).",
        problems);
    assertThat(problems).as("schemas out of date with the records").isEmpty();
  }

  @Test
  void noEventChangedIncompatiblyWithinItsSchemaVersion() {
    List<String> problems = new ArrayList<>();
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      Optional<String> committed = CommittedSchemas.text(EventSchemas.resourcePath(type, version));
      committed.ifPresent(
          text ->
              SchemaCompatibility.breakingChanges(
                      CommittedSchemas.parse(text), EventSchemas.dataSchema(type))
                  .forEach(change -> problems.add(type + " version " + version + " " + change)));
    }
    CommittedSchemas.text(EventSchemas.ENVELOPE_RESOURCE)
        .ifPresent(
            text ->
                SchemaCompatibility.breakingChanges(
                        CommittedSchemas.parse(text), EventSchemas.envelopeSchema())
                    .forEach(change -> problems.add("envelope " + change)));
    assertThat(problems)
        .as(
            "incompatible changes within a schema version: raise @SchemaVersion, add an upcaster, regenerate")
        .isEmpty();
  }

  /**
   * Stored events keep their old versions: every version up to the current one has its file, none
   * beyond.
   */
  @Test
  void everyVersionOfEveryTypeHasItsSchemaAndNothingElseIsPublished() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      for (int v = 1; v <= version; v++) {
        expected.add(EventSchemas.resourcePath(type, v));
      }
    }
    expected.add(EventSchemas.ENVELOPE_RESOURCE);
    Set<String> committed = new TreeSet<>();
    try (Stream<Path> files = Files.walk(CommittedSchemas.root())) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              file ->
                  committed.add(
                      CommittedSchemas.resources().relativize(file).toString().replace('\\', '/')));
    }
    assertThat(committed).containsExactlyElementsOf(expected);
  }

  @Test
  void theSchemaFilesAreOnTheClassPathOfEveryContractsUser() {
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      assertThat(getClass().getClassLoader().getResource(EventSchemas.resourcePath(type, version)))
          .as(type)
          .isNotNull();
    }
    assertThat(getClass().getClassLoader().getResource(EventSchemas.ENVELOPE_RESOURCE)).isNotNull();
  }

  @Test
  void eachSchemaNamesItselfAsTheEnvelopeDataschemaDoes() {
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      JsonNode schema = EventSchemas.dataSchema(type);
      assertThat(schema.get("$id").asText()).isEqualTo(EventEnvelope.dataSchema(type, version));
      assertThat(schema.get("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
  }

  /** The same files serve AsyncAPI (draft-07 based) and 2020-12 tools: only shared keywords. */
  @Test
  void schemasUseOnlyKeywordsThatDraft07And202012ReadAlike() {
    Set<String> shared =
        Set.of(
            "$schema",
            "$id",
            "title",
            "description",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "const",
            "format",
            "minimum",
            "minLength",
            "pattern");
    Set<String> used = new LinkedHashSet<>();
    for (String type : EventTypes.all()) {
      collectKeywords(EventSchemas.dataSchema(type), used);
    }
    collectKeywords(EventSchemas.envelopeSchema(), used);
    assertThat(shared).containsAll(used);
  }

  /** A schema's minimum promises what the record enforces: the constructor refuses one less. */
  @Test
  void everyPublishedMinimumIsEnforcedByItsRecord() throws Exception {
    Set<Class<?>> records = new LinkedHashSet<>();
    for (String type : EventTypes.all()) {
      collectRecords(EventTypes.classOf(type).orElseThrow(), records);
    }
    int checked = 0;
    for (Class<?> record : records) {
      RecordComponent[] components = record.getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        Minimum minimum = components[i].getAnnotation(Minimum.class);
        if (minimum == null) {
          continue;
        }
        Object[] args = EventSamples.sampleArguments(record);
        args[i] = number(components[i].getType(), minimum.value() - 1);
        assertThatThrownBy(() -> construct(record, args))
            .as(record.getSimpleName() + "." + components[i].getName() + " below its minimum")
            .isInstanceOf(IllegalArgumentException.class);
        args[i] = number(components[i].getType(), minimum.value());
        assertThat(EventSamples.construct(record, args)).isNotNull();
        checked++;
      }
    }
    assertThat(checked).as("FiscalYearAmount.amountYen at least").isPositive();
  }

  /**
   * Money is never a decimal here, and a type the generator does not know is never guessed as "{}".
   */
  @Test
  void anUnmappableComponentTypeIsRefusedInsteadOfGuessed() {
    record Odd(java.math.BigDecimal amount) {}
    assertThatThrownBy(() -> EventSchemas.objectSchema(Odd.class, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.math.BigDecimal");
  }

  @Test
  void eachTypeBelongsToTheTopicOfItsArea() {
    assertThatThrownBy(() -> EventSchemas.topicOf("jp.grants.grant.Unknown"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(EventSchemas.topicOf("jp.grants.ledger.FundsDisbursed")).isEqualTo("ledger-events");
    assertThat(EventSchemas.topicOf("jp.grants.review.ReviewCompleted")).isEqualTo("review-events");
    assertThat(EventSchemas.topicOf("jp.grants.grant.FundsDisbursed")).isEqualTo("grant-events");
  }

  private static void check(
      String what, String resourcePath, JsonNode generated, String onBreak, List<String> problems) {
    String text = EventSchemas.render(generated);
    Optional<String> committed = CommittedSchemas.text(resourcePath);
    List<String> breaking =
        committed
            .map(old -> SchemaCompatibility.breakingChanges(CommittedSchemas.parse(old), generated))
            .orElse(List.of());
    if (committed.isPresent() && committed.get().equals(text)) {
      return;
    }
    if (!breaking.isEmpty()) {
      problems.add(what + " changed incompatibly " + breaking + ". " + onBreak);
    } else if (CommittedSchemas.regenerating()) {
      CommittedSchemas.write(resourcePath, text);
    } else if (committed.isPresent()) {
      problems.add(
          what
              + " differs from "
              + resourcePath
              + ". The change is compatible; regenerate with: "
              + CommittedSchemas.HOW_TO_REGENERATE);
    } else {
      problems.add(
          what
              + " has no schema file "
              + resourcePath
              + " yet; generate it with: "
              + CommittedSchemas.HOW_TO_REGENERATE);
    }
  }

  private static String raiseVersion(String type, int version) {
    return "Keep the old shape readable: raise @SchemaVersion("
        + (version + 1)
        + ") on "
        + EventTypes.classOf(type).orElseThrow().getName()
        + ", add an upcaster from revision "
        + version
        + " (see docs/asyncapi/README.md), then regenerate to add "
        + EventSchemas.resourcePath(type, version + 1)
        + " ("
        + EventSchemas.resourcePath(type, version)
        + " stays).";
  }

  private static void collectKeywords(JsonNode schema, Set<String> used) {
    schema
        .properties()
        .forEach(
            entry -> {
              used.add(entry.getKey());
              if (entry.getKey().equals("properties")) {
                entry
                    .getValue()
                    .properties()
                    .forEach(property -> collectKeywords(property.getValue(), used));
              } else if (entry.getKey().equals("items")) {
                collectKeywords(entry.getValue(), used);
              }
            });
  }

  private static void collectRecords(Class<?> record, Set<Class<?>> records) {
    if (!records.add(record)) {
      return;
    }
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getType().isRecord()) {
        collectRecords(component.getType(), records);
      }
      if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType parameterized
          && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
          && element.isRecord()) {
        collectRecords(element, records);
      }
    }
  }

  private static Object number(Class<?> type, long value) {
    return type == int.class || type == Integer.class ? (Object) (int) value : (Object) value;
  }

  private static Object construct(Class<?> record, Object[] args) throws Throwable {
    try {
      return EventSamples.construct(record, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
