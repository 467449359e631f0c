package jp.grants.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi/asyncapi.yaml against the contract: a channel per topic, every published type on
 * its topic's channel and nothing extra, each message a structured CloudEvent whose payload is the
 * committed envelope schema plus the committed schema of the type's current version.
 */
class AsyncApiDocumentTest {
  static final Path DOCUMENT =
      CommittedSchemas.moduleDir().resolveSibling("docs/asyncapi/asyncapi.yaml");
  private static final String SCHEMA_PREFIX = "../../contracts/src/main/resources/";
  private static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    doc = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
  }

  @Test
  void isAnAsyncApi3DocumentOfStructuredCloudEvents() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.path("defaultContentType").asText()).isEqualTo(CLOUDEVENTS_JSON);
    assertThat(names(doc.path("servers"))).containsExactly("local", "production");
    doc.path("servers")
        .forEach(server -> assertThat(server.path("protocol").asText()).isEqualTo("kafka"));
  }

  @Test
  void hasOneChannelPerTopicCarryingExactlyTheTypesOfThatTopic() {
    Map<String, Set<String>> expected = new TreeMap<>();
    for (String topic :
        List.of(
            Topics.GRANT_EVENTS,
            Topics.LEDGER_EVENTS,
            Topics.REVIEW_EVENTS,
            Topics.AUDIT_CHECKPOINTS,
            Topics.REVIEW_CHECKPOINTS,
            Topics.LEDGER_CHECKPOINTS,
            Topics.CALL_EVENTS)) {
      expected.put(topic, new TreeSet<>());
    }
    EventTypes.all()
        .forEach(type -> EventSchemas.topicsOf(type).forEach(t -> expected.get(t).add(type)));
    Map<String, Set<String>> documented = new TreeMap<>();
    doc.path("channels")
        .properties()
        .forEach(
            channel -> {
              JsonNode value = channel.getValue();
              assertThat(value.path("bindings").path("kafka").path("topic").asText())
                  .isEqualTo(value.path("address").asText());
              Set<String> types = new TreeSet<>();
              value
                  .path("messages")
                  .properties()
                  .forEach(
                      message -> {
                        assertThat(message.getValue().path("$ref").asText())
                            .isEqualTo("#/components/messages/" + message.getKey());
                        types.add(message.getKey());
                      });
              documented.put(value.path("address").asText(), types);
            });
    assertThat(documented).isEqualTo(expected);
  }

  @Test
  void describesEveryPublishedTypeAndNothingElse() {
    assertThat(names(doc.path("components").path("messages")))
        .isEqualTo(new TreeSet<>(EventTypes.all()));
  }

  @Test
  void eachMessageIsTheEnvelopeAroundTheCommittedSchemaOfItsCurrentVersion() {
    assertThat(doc.at("/components/schemas/CloudEventsEnvelope/$ref").asText())
        .isEqualTo(SCHEMA_PREFIX + EventSchemas.ENVELOPE_RESOURCE);
    for (String type : EventTypes.all()) {
      int version = EventTypes.schemaVersionOf(EventTypes.classOf(type).orElseThrow());
      JsonNode message = doc.path("components").path("messages").path(type);
      assertThat(message.path("name").asText()).isEqualTo(type);
      assertThat(message.path("contentType").asText()).as(type).isEqualTo(CLOUDEVENTS_JSON);
      assertThat(message.path("title").asText())
          .as(type)
          .endsWith("schema version " + version + ")");
      assertThat(message.path("summary").asText()).as(type).isNotBlank();
      assertThat(message.at("/traits/0/$ref").asText())
          .isEqualTo("#/components/messageTraits/cloudEvent");
      JsonNode parts = message.at("/payload/allOf");
      assertThat(parts.get(0).path("$ref").asText())
          .isEqualTo("#/components/schemas/CloudEventsEnvelope");
      JsonNode attributes = parts.get(1).path("properties");
      assertThat(attributes.at("/type/const").asText()).isEqualTo(type);
      assertThat(attributes.at("/schemaversion/const").asInt()).as(type).isEqualTo(version);
      assertThat(attributes.at("/dataschema/const").asText())
          .isEqualTo(EventEnvelope.dataSchema(type, version));
      String data = attributes.at("/data/$ref").asText();
      assertThat(data).as(type).isEqualTo(SCHEMA_PREFIX + EventSchemas.resourcePath(type, version));
      assertThat(DOCUMENT.getParent().resolve(data).normalize()).as(type).isRegularFile();
    }
  }

  @Test
  void theRecordKeyIsTheGrantIdAndTheKafkaHeaderSaysStructuredMode() {
    JsonNode trait = doc.at("/components/messageTraits/cloudEvent");
    assertThat(trait.at("/bindings/kafka/key/format").asText()).isEqualTo("uuid");
    assertThat(trait.at("/bindings/kafka/key/description").asText()).contains("grant id");
    assertThat(trait.at("/headers/properties/content-type/const").asText())
        .isEqualTo(EventEnvelope.STRUCTURED_CONTENT_TYPE);
  }

  /**
   * One producer per topic sends all its types; consumers receive only what the channel carries.
   */
  @Test
  void eachTopicHasOneSenderOfAllItsTypesAndReceiversOfSomeOfThem() {
    Map<String, Integer> senders = new TreeMap<>();
    doc.path("operations")
        .properties()
        .forEach(
            entry -> {
              JsonNode operation = entry.getValue();
              String channel = operation.at("/channel/$ref").asText().replace("#/channels/", "");
              JsonNode carried = doc.path("channels").path(channel).path("messages");
              assertThat(carried.isMissingNode())
                  .as(entry.getKey() + " uses a known channel")
                  .isFalse();
              Set<String> messages = new LinkedHashSet<>();
              operation
                  .path("messages")
                  .forEach(
                      ref -> {
                        String prefix = "#/channels/" + channel + "/messages/";
                        assertThat(ref.path("$ref").asText()).as(entry.getKey()).startsWith(prefix);
                        messages.add(ref.path("$ref").asText().substring(prefix.length()));
                      });
              assertThat(names(carried)).as(entry.getKey()).containsAll(messages);
              assertThat(operation.path("tags").get(0).path("name").asText())
                  .as(entry.getKey() + " names its service")
                  .endsWith("-service");
              if (operation.path("action").asText().equals("send")) {
                senders.merge(channel, 1, Integer::sum);
                assertThat(messages)
                    .as(entry.getKey() + " sends every type of its topic")
                    .isEqualTo(names(carried));
              } else {
                assertThat(operation.path("action").asText()).isEqualTo("receive");
                assertThat(operation.at("/bindings/kafka/groupId/enum/0").asText())
                    .as(entry.getKey() + " group id")
                    .isNotBlank();
              }
            });
    assertThat(senders)
        .isEqualTo(
            Map.of(
                "grantEvents",
                1,
                "ledgerEvents",
                1,
                "reviewEvents",
                1,
                "auditCheckpoints",
                1,
                "reviewCheckpoints",
                1,
                "ledgerCheckpoints",
                1,
                "callEvents",
                1));
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }
}
