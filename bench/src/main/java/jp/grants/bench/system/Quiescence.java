package jp.grants.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import jp.grants.contracts.Topics;
import jp.grants.launcher.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the system has nothing left to do from earlier work, so that a scenario does not
 * measure the tail of the one before: every stored grant event on Kafka, every consumer group at
 * the end of its topics, every outbox row relayed, and the read model at the event store's head.
 */
public final class Quiescence {
  private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

  private final BenchSystem system;
  private final GrantApi grants;
  private final java.util.function.Consumer<String> log;

  public Quiescence(BenchSystem system, GrantApi grants, java.util.function.Consumer<String> log) {
    this.system = system;
    this.grants = grants;
    this.log = log;
  }

  /** Null when quiet (twice in a row, a second apart), else what was still busy at the timeout. */
  public String await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietInARow = 0;
    String busy = null;
    long began = System.nanoTime();
    long nextReport = began + REPORT_EVERY.toNanos();
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        busy = busy(admin);
        quietInARow = busy == null ? quietInARow + 1 : 0;
        if (quietInARow >= 2) {
          return null;
        }
        if (busy != null && System.nanoTime() > nextReport) {
          log.accept("waiting for the system to become quiet: " + busy);
          nextReport += REPORT_EVERY.toNanos();
        }
        Thread.sleep(1000);
      }
    }
    return busy;
  }

  /** What is still busy, or null. */
  private String busy(Admin admin) throws InterruptedException {
    try {
      List<String> busy = new ArrayList<>();
      long stored;
      long head;
      try (Connection c = system.connect(Service.GRANT);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*), coalesce(max(global_index), -1) FROM domain_event_entry")) {
        rs.next();
        stored = rs.getLong(1);
        head = rs.getLong(2);
      }
      long published =
          endOffsets(admin, Topics.GRANT_EVENTS).values().stream().mapToLong(Long::longValue).sum();
      if (published < stored) {
        busy.add(
            "publisher: "
                + (stored - published)
                + " events not on "
                + Topics.GRANT_EVENTS
                + " yet");
      }
      busy.addAll(consumerLags(admin));
      for (Service service : List.of(Service.LEDGER, Service.REVIEW)) {
        long unpublished = unpublishedOutbox(service);
        if (unpublished > 0) {
          busy.add(service + " outbox: " + unpublished + " rows");
        }
      }
      // A segment keeps saying "replaying" after a rebuild until an event newer than the reset
      // arrives (Axon's
      // ReplayToken): its position is what tells whether it has caught up. No position yet: nothing
      // stored yet.
      JsonNode status = grants.readModelStatus();
      for (JsonNode segment : status.get("segments")) {
        JsonNode position = segment.get("position");
        if (position.isNull() ? head >= 0 : position.asLong() < head) {
          busy.add(
              "read model segment "
                  + segment.get("segment").asInt()
                  + " at "
                  + position
                  + " of "
                  + head);
        }
      }
      return busy.isEmpty() ? null : String.join("; ", busy);
    } catch (SQLException | ExecutionException | TimeoutException | RuntimeException e) {
      return "cannot tell: " + e;
    }
  }

  private List<String> consumerLags(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> lags = new ArrayList<>();
    for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      var topics =
          committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
      long lag = 0;
      for (String topic : topics) {
        for (var end : endOffsets(admin, topic).entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          lag += end.getValue() - (at == null ? 0 : at.offset());
        }
      }
      if (lag > 0) {
        lags.add("consumer group " + group.groupId() + ": " + lag + " records behind");
      }
    }
    return lags;
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    var partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(topic)
            .partitions();
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    return ends.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private long unpublishedOutbox(Service service) throws SQLException {
    try (Connection c = system.connect(service);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public Admin admin() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return Admin.create(properties);
  }
}
