package jp.grants.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The infrastructure itself: a real server and a real broker, stopped and started again. */
class InfrastructureTest {

  @Test
  void postgresServesSqlAndKeepsItsDataAcrossARestart() throws Exception {
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary()) {
      postgres.createDatabase("probe");
      String url = postgres.jdbcUrl("probe");
      try (var c = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
        c.createStatement().execute("CREATE TABLE t (v int)");
        c.createStatement().execute("INSERT INTO t VALUES (42)");
        var version = c.createStatement().executeQuery("SHOW server_version_num");
        version.next();
        assertThat(version.getInt(1)).isGreaterThanOrEqualTo(150000);
      }
      postgres.stop();
      assertThat(FreePorts.isListening(postgres.port())).isFalse();
      postgres.start();
      try (var c = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
        var rows = c.createStatement().executeQuery("SELECT v FROM t");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void kafkaKeepsRecordsAcrossAKill() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.startTemporary()) {
      kafka.createTopics(Map.of("probe", 1));
      try (var producer = new KafkaProducer<String, String>(producerConfig(kafka))) {
        producer.send(new ProducerRecord<>("probe", "k", "before")).get();
      }
      kafka.kill();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();
      try (var producer = new KafkaProducer<String, String>(producerConfig(kafka))) {
        producer.send(new ProducerRecord<>("probe", "k", "after")).get();
      }
      assertThat(readAll(kafka, "probe", 2)).containsExactly("before", "after");
    }
  }

  private static Properties producerConfig(KafkaBroker kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return p;
  }

  private static List<String> readAll(KafkaBroker kafka, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (var consumer = new KafkaConsumer<String, String>(p)) {
      consumer.subscribe(List.of(topic));
      var values = new java.util.ArrayList<String>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }
}
