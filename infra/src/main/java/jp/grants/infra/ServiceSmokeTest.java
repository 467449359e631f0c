package jp.grants.infra;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The smoke test every service runs (extend it with {@code @QuarkusTest}): the service is ready on
 * a real database and a real broker, serves its OpenAPI document, answers errors as RFC 9457
 * problems, and one row and one record make the round trip through PostgreSQL and Kafka.
 */
public abstract class ServiceSmokeTest {

  @Test
  void shouldBeReadyOnARealDatabaseAndBroker() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP")));
    given()
        .get("/q/health/ready")
        .then()
        .body("checks.name", hasItems("Database schema", "Kafka broker"));
  }

  @Test
  void shouldServeItsOpenApiDocument() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", containsString("3."));
  }

  /**
   * The document as client generators read it (issue 17): every operation has a unique operationId,
   * every success a schema, every error the one Problem schema, every 503 its Retry-After, every
   * request body {@code additionalProperties: false} (unknown fields are refused); the document
   * names its servers. The build lints the same document with Spectral and Redocly.
   */
  @Test
  void shouldServeAnOpenApiDocumentAClientGeneratorCanUse() {
    io.restassured.path.json.JsonPath document =
        given()
            .accept("application/json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(document.getList("servers.url", String.class)).as("servers").isNotEmpty();
    assertThat(document.getMap("components.schemas.Problem.properties"))
        .as("the Problem schema")
        .containsKeys("type", "title", "status", "detail", "rule", "errors");
    java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths =
        document.getMap("paths");
    java.util.Set<String> operationIds = new java.util.HashSet<>();
    java.util.List<String> gaps = new java.util.ArrayList<>();
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, raw) -> {
                  if (!java.util.Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    return;
                  }
                  String where = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                  String body = String.valueOf(raw.get("requestBody"));
                  java.util.regex.Matcher ref =
                      java.util.regex.Pattern.compile("#/components/schemas/([A-Za-z0-9_.]+)")
                          .matcher(body);
                  if (ref.find()
                      && !Boolean.FALSE.equals(
                          document.get(
                              "components.schemas." + ref.group(1) + ".additionalProperties"))) {
                    gaps.add(
                        where
                            + ": its body "
                            + ref.group(1)
                            + " does not say that unknown properties are refused");
                  }
                  Object id = raw.get("operationId");
                  if (id == null || !operationIds.add(id.toString())) {
                    gaps.add(where + ": no unique operationId");
                  }
                  @SuppressWarnings("unchecked")
                  java.util.Map<String, java.util.Map<String, Object>> responses =
                      (java.util.Map<String, java.util.Map<String, Object>>) raw.get("responses");
                  if (responses == null || !responses.containsKey("503")) {
                    gaps.add(where + ": no 503");
                    return;
                  }
                  responses.forEach(
                      (code, response) -> {
                        String content = String.valueOf(response.get("content"));
                        if (code.startsWith("2")
                            && !code.equals("204")
                            && (response.get("content") == null || content.contains("schema={}"))) {
                          gaps.add(where + " " + code + ": no schema");
                        }
                        if ((code.startsWith("4") || code.startsWith("5"))
                                && !content.contains("application/problem+json")
                            || (code.startsWith("4") || code.startsWith("5"))
                                && !content.contains("#/components/schemas/Problem")) {
                          gaps.add(where + " " + code + ": not the Problem schema");
                        }
                        if (code.equals("503")
                            && !String.valueOf(response.get("headers")).contains("Retry-After")) {
                          gaps.add(where + " 503: no Retry-After");
                        }
                      });
                }));
    assertThat(operationIds).as("operations").isNotEmpty();
    assertThat(gaps).as("what a client generator would miss").isEmpty();
  }

  @Test
  void shouldAnswerAnUnknownPathWithAProblem() {
    given()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"));
  }

  @Test
  void shouldRoundTripARowThroughItsDatabase() throws Exception {
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    String value = UUID.randomUUID().toString();
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("CREATE TEMP TABLE smoke (v text)");
      var insert = c.prepareStatement("INSERT INTO smoke VALUES (?)");
      insert.setString(1, value);
      insert.executeUpdate();
      ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT v, current_setting('server_version_num')::int FROM smoke");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(value);
      assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(150000);
    }
  }

  @Test
  void shouldRoundTripARecordThroughTheBroker() throws Exception {
    String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    String topic = "smoke-" + UUID.randomUUID();
    String value = UUID.randomUUID().toString();
    Properties producer = new Properties();
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (var p = new KafkaProducer<String, String>(producer)) {
      p.send(new ProducerRecord<>(topic, "key", value)).get();
    }
    Properties consumer = new Properties();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (var c = new KafkaConsumer<String, String>(consumer)) {
      c.subscribe(List.of(topic));
      String received = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          received = r.value();
        }
      }
      assertThat(received).isEqualTo(value);
    }
  }
}
