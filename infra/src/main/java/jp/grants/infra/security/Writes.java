package jp.grants.infra.security;

import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

/** Counts of every row the service has written, through the application's own DataSource. */
public final class Writes {
  private Writes() {}

  private static volatile boolean schemaReady;

  /** Row counts of the tables, read in one statement (this runs after every malformed request). */
  public static Map<String, Long> count(List<String> tables) {
    awaitSchema();
    try {
      return counted(tables);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql && "42P01".equals(sql.getSQLState())) {
        schemaReady = false; // a restarted application migrating a fresh database: wait for it
        awaitSchema();
        return counted(tables);
      }
      throw e;
    }
  }

  private static Map<String, Long> counted(List<String> tables) {
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    String sql =
        tables.stream()
            .map(table -> "(SELECT count(*) FROM " + table + ")")
            .collect(Collectors.joining(", ", "SELECT ", ""));
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      for (int i = 0; i < tables.size(); i++) {
        counts.put(tables.get(i), rs.getLong(i + 1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /**
   * The tables exist once the service reports ready (its schema migration runs in the background);
   * once seen ready, the schema stays, so later counts do not ask again.
   */
  public static void awaitSchema() {
    if (!schemaReady) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200));
      schemaReady = true;
    }
  }

  /**
   * Waits until the service's consumer group has committed every record on the topic, so that no
   * event from an earlier test is still being applied while rows are counted.
   */
  public static void awaitConsumed(String group, String topic) {
    Properties properties = new Properties();
    properties.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    try (Admin admin = Admin.create(properties)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lag(admin, group, topic) == 0);
    }
  }

  private static long lag(Admin admin, String group, String topic) throws Exception {
    List<TopicPartition> partitions;
    try {
      partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return 0; // nothing was ever published: nothing to apply
      }
      throw e;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> end =
        admin
            .listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
            .all()
            .get()
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    return partitions.stream()
        .mapToLong(p -> end.get(p) - (committed.get(p) == null ? 0 : committed.get(p).offset()))
        .sum();
  }
}
