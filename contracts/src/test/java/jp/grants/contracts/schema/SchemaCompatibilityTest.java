package jp.grants.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.UUID;
import jp.grants.contracts.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rule on synthetic schemas: only an added optional property keeps the version.
 */
class SchemaCompatibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String COMMITTED =
      """
      {
        "$id": "urn:jp-grants:schema:jp.grants.test.Paid:1",
        "title": "Paid",
        "type": "object",
        "properties": {
          "grantId": {"type": "string", "format": "uuid"},
          "amountYen": {"type": "integer", "minimum": 0},
          "category": {"type": "string", "enum": ["TRAVEL", "EQUIPMENT"]},
          "note": {"type": ["string", "null"]},
          "plan": {"type": "array", "items": {
            "type": "object",
            "properties": {"fiscalYear": {"type": "integer"}, "amountYen": {"type": "integer"}},
            "required": ["fiscalYear", "amountYen"]}}
        },
        "required": ["grantId", "amountYen", "category", "plan"],
        "additionalProperties": true
      }
      """;

  @Test
  void anUnchangedSchemaIsCompatible() {
    assertThat(SchemaCompatibility.breakingChanges(committed(), committed())).isEmpty();
  }

  @Test
  void anAddedOptionalPropertyIsCompatible() {
    JsonNode current =
        edit("\"note\":", "\"purpose\": {\"type\": [\"string\", \"null\"]}, \"note\":");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current)).isEmpty();
  }

  @Test
  void newDocumentationIsCompatible() {
    JsonNode current =
        edit(
            "\"title\": \"Paid\"",
            "\"title\": \"Paid out\", \"description\": \"money left the budget\"");
    assertThat(SchemaCompatibility.compatible(committed(), current)).isTrue();
  }

  @Test
  void aRemovedPropertyIsIncompatible() {
    JsonNode current =
        edit("\"amountYen\": {\"type\": \"integer\", \"minimum\": 0},", "").deepCopy();
    ((ArrayNode) current.get("required")).remove(1);
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.amountYen: removed");
  }

  @Test
  void aRemovedOptionalPropertyIsIncompatibleToo() {
    JsonNode current = edit("\"note\": {\"type\": [\"string\", \"null\"]},", "");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.note: removed");
  }

  @Test
  void anAddedRequiredPropertyIsIncompatible() {
    JsonNode current =
        edit("\"note\":", "\"purpose\": {\"type\": \"string\"}, \"note\":").deepCopy();
    ((ArrayNode) current.get("required")).add("purpose");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.purpose: added as required, but events stored without it exist");
  }

  @Test
  void aChangedTypeIsIncompatible() {
    JsonNode current =
        edit(
            "\"amountYen\": {\"type\": \"integer\", \"minimum\": 0}",
            "\"amountYen\": {\"type\": \"string\", \"minimum\": 0}");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.amountYen: type changed from [integer] to [string]");
  }

  @Test
  void aRequiredPropertyMadeNullableIsIncompatible() {
    JsonNode current =
        edit(
            "\"grantId\": {\"type\": \"string\"", "\"grantId\": {\"type\": [\"string\", \"null\"]");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.grantId: type changed from [string] to [null, string]");
  }

  @Test
  void aNarrowedEnumIsIncompatible() {
    JsonNode current = edit("[\"TRAVEL\", \"EQUIPMENT\"]", "[\"TRAVEL\"]");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.category: enum narrowed, [EQUIPMENT] no longer allowed");
  }

  @Test
  void aWidenedEnumIsIncompatibleBecauseOldConsumersCannotReadTheNewConstant() {
    JsonNode current = edit("[\"TRAVEL\", \"EQUIPMENT\"]", "[\"TRAVEL\", \"EQUIPMENT\", \"STAY\"]");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly(
            "$.category: enum widened by [STAY], which consumers of this version cannot read");
  }

  @Test
  void aChangedBoundOrFormatIsIncompatible() {
    JsonNode current = edit("\"minimum\": 0", "\"minimum\": 1");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.amountYen: minimum changed from 0 to 1");
    JsonNode noFormat = edit(", \"format\": \"uuid\"", "");
    assertThat(SchemaCompatibility.breakingChanges(committed(), noFormat))
        .containsExactly("$.grantId: format changed from \"uuid\" to null");
  }

  @Test
  void changesInsideArrayItemsAreFound() {
    JsonNode current =
        edit("\"fiscalYear\": {\"type\": \"integer\"}", "\"fiscalYear\": {\"type\": \"string\"}");
    assertThat(SchemaCompatibility.breakingChanges(committed(), current))
        .containsExactly("$.plan[].fiscalYear: type changed from [integer] to [string]");
  }

  /**
   * The same rule on schemas generated from two shapes of one record, as a developer would change
   * it.
   */
  @Test
  void theRuleHoldsForSchemasGeneratedFromRecords() {
    record V1(UUID grantId, long amountYen, String note) {}
    record V1WithOptionalPurpose(
        UUID grantId, long amountYen, String note, @Nullable String purpose) {}
    record V1WithoutNote(UUID grantId, long amountYen) {}
    record V1WithRequiredPurpose(UUID grantId, long amountYen, String note, String purpose) {}
    JsonNode v1 = EventSchemas.objectSchema(V1.class, false);
    assertThat(
            SchemaCompatibility.breakingChanges(
                v1, EventSchemas.objectSchema(V1WithOptionalPurpose.class, false)))
        .isEmpty();
    assertThat(
            SchemaCompatibility.breakingChanges(
                v1, EventSchemas.objectSchema(V1WithoutNote.class, false)))
        .containsExactly("$.note: removed");
    assertThat(
            SchemaCompatibility.breakingChanges(
                v1, EventSchemas.objectSchema(V1WithRequiredPurpose.class, false)))
        .containsExactly("$.purpose: added as required, but events stored without it exist");
  }

  private static JsonNode committed() {
    return read(COMMITTED);
  }

  private static JsonNode edit(String from, String to) {
    assertThat(COMMITTED).as("the synthetic schema contains " + from).contains(from);
    return read(COMMITTED.replace(from, to));
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
