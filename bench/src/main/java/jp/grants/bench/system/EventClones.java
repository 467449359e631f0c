package jp.grants.bench.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Copies whole event streams of existing grants under new grant ids, straight into the event store
 * with one SQL statement: a burst of valid events (each copy is a complete, consistent history,
 * hash chained by the store's own trigger) far faster than the REST API could append them. The
 * publisher and the read model then treat the copies like any other stored events. Used where a
 * scenario needs a backlog (publication throughput) or a large store (read model catch-up).
 */
public final class EventClones {
  private EventClones() {}

  /** The copies: their grant ids, the events inserted and when the insert committed. */
  public record Cloned(List<String> grantIds, long events, Instant committedAt, double seconds) {}

  /**
   * Which grant is copied under which new id (new id → source id), and how many events that makes.
   */
  public record Plan(Map<String, String> copies, long events) {
    public java.util.Set<String> grantIds() {
      return copies.keySet();
    }
  }

  /**
   * Copies of the streams of {@code sources}, round after round, until at least {@code events}
   * events.
   */
  public static Plan plan(Connection grantDb, List<UUID> sources, long events) throws SQLException {
    Map<String, Long> sizes = streamSizes(grantDb, sources);
    if (sizes.isEmpty() || sizes.values().stream().allMatch(n -> n == 0)) {
      throw new IllegalStateException("no events to copy");
    }
    Map<String, String> copies = new LinkedHashMap<>();
    long planned = 0;
    while (planned < events) {
      for (var source : sizes.entrySet()) {
        if (planned >= events) {
          break;
        }
        copies.put(UUID.randomUUID().toString(), source.getKey());
        planned += source.getValue();
      }
    }
    return new Plan(java.util.Collections.unmodifiableMap(copies), planned);
  }

  /** Inserts the copies in one transaction. */
  public static Cloned insert(Connection grantDb, Plan plan) throws SQLException {
    long began = System.nanoTime();
    boolean autoCommit = grantDb.getAutoCommit();
    grantDb.setAutoCommit(false);
    try {
      long inserted = insert(grantDb, plan.copies());
      grantDb.commit();
      Instant committed = Instant.now();
      return new Cloned(
          List.copyOf(plan.copies().keySet()),
          inserted,
          committed,
          (System.nanoTime() - began) / 1e9);
    } catch (SQLException | RuntimeException e) {
      grantDb.rollback();
      throw e;
    } finally {
      grantDb.setAutoCommit(autoCommit);
    }
  }

  private static long insert(Connection c, Map<String, String> copies) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE bench_clone (new_id VARCHAR(255) PRIMARY KEY, old_id VARCHAR(255) NOT NULL) ON COMMIT DROP");
    }
    try (PreparedStatement map =
        c.prepareStatement("INSERT INTO bench_clone (new_id, old_id) VALUES (?, ?)")) {
      for (var copy : copies.entrySet()) {
        map.setString(1, copy.getKey());
        map.setString(2, copy.getValue());
        map.addBatch();
      }
      map.executeBatch();
    }
    // In stream order: the hash-chain trigger links each event to the one before it in its grant.
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(
          "INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
              + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
              + " SELECT gen_random_uuid()::text, e.meta_data,"
              + " convert_to(replace(convert_from(e.payload, 'UTF8'), m.old_id, m.new_id), 'UTF8'),"
              + " e.payload_revision, e.payload_type, e.time_stamp, m.new_id, e.sequence_number, e.type"
              + " FROM bench_clone m JOIN domain_event_entry e ON e.aggregate_identifier = m.old_id"
              + " ORDER BY m.new_id, e.sequence_number");
    }
  }

  private static Map<String, Long> streamSizes(Connection c, List<UUID> sources)
      throws SQLException {
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT aggregate_identifier, count(*) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier")) {
      select.setArray(
          1, c.createArrayOf("varchar", sources.stream().map(UUID::toString).toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          sizes.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    List<String> order = new ArrayList<>();
    sources.forEach(id -> order.add(id.toString()));
    Map<String, Long> ordered = new LinkedHashMap<>();
    order.stream().filter(sizes::containsKey).forEach(id -> ordered.put(id, sizes.get(id)));
    return ordered;
  }
}
