package jp.grants.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.EventSamples;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.grant.GrantEvent;
import org.junit.jupiter.api.Test;

/**
 * Real envelopes, written by the one event JSON configuration, are valid against the committed
 * envelope schema and the committed schema of their data (networknt, draft 2020-12, formats
 * asserted); broken ones are not, so the validation is not vacuous.
 */
class EnvelopeValidationTest {
  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  @Test
  void everyEventTypeInItsEnvelopeIsValidAgainstTheCommittedSchemas() throws Exception {
    Schema envelopeSchema = committed(EventSchemas.ENVELOPE_RESOURCE);
    List<String> problems = new ArrayList<>();
    for (String type : EventTypes.all()) {
      Class<?> eventClass = EventTypes.classOf(type).orElseThrow();
      Schema dataSchema =
          committed(EventSchemas.resourcePath(type, EventTypes.schemaVersionOf(eventClass)));
      for (Object event :
          List.of(EventSamples.sample(eventClass), EventSamples.sparse(eventClass))) {
        String text = JSON.writeValueAsString(envelope((DomainEvent) event));
        JsonNode written = JSON.readTree(text);
        envelopeSchema
            .validate(text, InputFormat.JSON)
            .forEach(error -> problems.add(type + " envelope: " + error));
        dataSchema
            .validate(JSON.writeValueAsString(written.get("data")), InputFormat.JSON)
            .forEach(error -> problems.add(type + " data: " + error));
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * The schema lists exactly the properties Jackson writes: no renamed, hidden or derived property.
   */
  @Test
  void eachDataSchemaNamesExactlyThePropertiesThatAreWritten() throws Exception {
    for (String type : EventTypes.all()) {
      Class<?> eventClass = EventTypes.classOf(type).orElseThrow();
      JsonNode data = JSON.valueToTree(EventSamples.sample(eventClass));
      assertThat(names(data))
          .as(type)
          .isEqualTo(names(EventSchemas.dataSchema(type).get("properties")));
    }
  }

  @Test
  void anEnvelopeWithoutDataOrWithAForeignSpecVersionIsRefused() throws Exception {
    Schema envelopeSchema = committed(EventSchemas.ENVELOPE_RESOURCE);
    ObjectNode envelope =
        JSON.valueToTree(envelope((DomainEvent) EventSamples.sample(firstGrantEvent())));
    envelope.remove("data");
    assertThat(messages(envelopeSchema.validate(envelope.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("data"));
    envelope = JSON.valueToTree(envelope((DomainEvent) EventSamples.sample(firstGrantEvent())));
    envelope.put("specversion", "0.3");
    assertThat(envelopeSchema.validate(envelope.toString(), InputFormat.JSON)).isNotEmpty();
    envelope = JSON.valueToTree(envelope((DomainEvent) EventSamples.sample(firstGrantEvent())));
    envelope.put("subject", "not-a-grant-id");
    assertThat(messages(envelopeSchema.validate(envelope.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("subject"));
  }

  @Test
  void dataThatBreaksItsContractIsRefused() throws Exception {
    String type = "jp.grants.grant.ProposalSubmitted";
    Schema schema = committed(EventSchemas.resourcePath(type, 1));
    ObjectNode valid =
        JSON.valueToTree(EventSamples.sample(EventTypes.classOf(type).orElseThrow()));
    assertThat(schema.validate(valid.toString(), InputFormat.JSON)).isEmpty();

    ObjectNode negativeYen = valid.deepCopy();
    ((ObjectNode) negativeYen.withArray("requestedPlan").get(0)).put("amountYen", -1);
    assertThat(messages(schema.validate(negativeYen.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("amountYen"));

    ObjectNode fractionalYen = valid.deepCopy();
    ((ObjectNode) fractionalYen.withArray("requestedPlan").get(0)).put("amountYen", 10.5);
    assertThat(schema.validate(fractionalYen.toString(), InputFormat.JSON)).isNotEmpty();

    ObjectNode noPi = valid.deepCopy();
    noPi.remove("principalInvestigator");
    assertThat(messages(schema.validate(noPi.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("principalInvestigator"));

    ObjectNode badId = valid.deepCopy();
    badId.put("grantId", "G-1");
    assertThat(messages(schema.validate(badId.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("grantId"));

    ObjectNode nullTitle = valid.deepCopy();
    nullTitle.putNull("title");
    assertThat(schema.validate(nullTitle.toString(), InputFormat.JSON)).isNotEmpty();

    ObjectNode unknownProperty = valid.deepCopy();
    unknownProperty.put("addedLater", "consumers ignore it");
    assertThat(schema.validate(unknownProperty.toString(), InputFormat.JSON))
        .as("additive changes stay valid")
        .isEmpty();
  }

  @Test
  void anUnknownEnumConstantIsRefused() throws Exception {
    String type = "jp.grants.ledger.FundsDisbursed";
    Schema schema = committed(EventSchemas.resourcePath(type, 1));
    ObjectNode data = JSON.valueToTree(EventSamples.sample(EventTypes.classOf(type).orElseThrow()));
    data.put("expenseCategory", "CONSUMABLES");
    assertThat(messages(schema.validate(data.toString(), InputFormat.JSON)))
        .anyMatch(m -> m.contains("expenseCategory"));
  }

  /** The envelope as {@code EnvelopeCodec.wrap} in platform builds it. */
  private static EventEnvelope envelope(DomainEvent event) {
    String type = EventTypes.nameOf(event.getClass());
    int version = EventTypes.schemaVersionOf(event.getClass());
    Long sequence = event instanceof GrantEvent ? 7L : null;
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        UUID.randomUUID().toString(),
        "/grant-service",
        type,
        event.grantId().toString(),
        OffsetDateTime.of(2026, 4, 1, 9, 30, 0, 0, ZoneOffset.UTC),
        EventEnvelope.JSON,
        EventEnvelope.dataSchema(type, version),
        version,
        sequence,
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        "officer-1",
        "program-officer",
        JSON.valueToTree(event));
  }

  private static Schema committed(String resourcePath) {
    try (InputStream in =
        EnvelopeValidationTest.class.getClassLoader().getResourceAsStream(resourcePath)) {
      assertThat(in).as(resourcePath + " on the class path").isNotNull();
      return SCHEMAS.getSchema(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> firstGrantEvent() {
    return EventTypes.classOf(EventTypes.all().get(0)).orElseThrow();
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }
}
