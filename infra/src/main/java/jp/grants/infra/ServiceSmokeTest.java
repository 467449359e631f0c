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
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    given()
        .get("/q/health/ready")
        .then()
        .body("checks.name", hasItems("Database schema", "Kafka broker"));
  }

  @Test
  void shouldServeItsOpenApiDocument() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", containsString("3."));
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
      ResultSet rs = c.createStatement().executeQuery("SELECT v, current_setting('server_version_num')::int FROM smoke");
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
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
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
