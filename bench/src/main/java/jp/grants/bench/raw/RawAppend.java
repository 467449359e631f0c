package jp.grants.bench.raw;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.bench.harness.Load;
import jp.grants.bench.system.BenchSystem;
import jp.grants.launcher.Service;

/**
 * The raw baseline of command append: single-row INSERT transactions (autocommit) into a table laid
 * out like the event store's {@code domain_event_entry} (same columns, same unique indexes, its own
 * sequence, no trigger), in the grant-service's database, with rows exactly as large as a stored
 * event of the kind the system appends (its payload and metadata bytes, copied).
 */
public final class RawAppend implements AutoCloseable {
  private static final String TABLE = "bench_raw_event";

  private final List<Connection> connections = new ArrayList<>();
  private final List<PreparedStatement> inserts = new ArrayList<>();
  private final Sample sample;
  private final long[] sequences;
  private final String[] aggregates;

  /** A stored event whose bytes every raw row repeats. */
  public record Sample(
      byte[] payload, byte[] metaData, String payloadType, String revision, String timeStamp) {
    public int bytes() {
      return payload.length + (metaData == null ? 0 : metaData.length);
    }
  }

  private RawAppend(BenchSystem system, Sample sample, int clients) throws SQLException {
    this.sample = sample;
    this.sequences = new long[clients];
    this.aggregates = new String[clients];
    for (int i = 0; i < clients; i++) {
      Connection c = system.connect(Service.GRANT);
      connections.add(c);
      inserts.add(
          c.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (event_identifier, meta_data, payload, payload_revision,"
                  + " payload_type, time_stamp, aggregate_identifier, sequence_number, type, previous_hash, event_hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Grant', ?, ?)"));
      aggregates[i] = UUID.randomUUID().toString();
    }
  }

  /** The newest stored event whose payload type ends with {@code typeSuffix}. */
  public static Sample sample(BenchSystem system, String typeSuffix) throws SQLException {
    try (Connection c = system.connect(Service.GRANT);
        PreparedStatement select =
            c.prepareStatement(
                "SELECT payload, meta_data, payload_type, payload_revision, time_stamp"
                    + " FROM domain_event_entry WHERE payload_type LIKE ? ORDER BY global_index DESC LIMIT 1")) {
      select.setString(1, "%" + typeSuffix);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no stored event of type *" + typeSuffix);
        }
        return new Sample(
            rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getString(4), rs.getString(5));
      }
    }
  }

  /** Drops and creates the raw table, and connects one connection per client. */
  public static RawAppend open(BenchSystem system, Sample sample, int clients) throws SQLException {
    try (Connection c = system.connect(Service.GRANT);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute(
          "CREATE TABLE "
              + TABLE
              + " (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,"
              + " meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL,"
              + " time_stamp VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,"
              + " type VARCHAR(255), previous_hash BYTEA, event_hash BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
    }
    return new RawAppend(system, sample, clients);
  }

  /** Inserts rows from every client for the duration. */
  public Load.Result run(Duration duration) {
    SecureRandom random = new SecureRandom();
    byte[] hash = new byte[32];
    random.nextBytes(hash);
    return Load.closed(
        inserts.size(),
        duration,
        Long.MAX_VALUE,
        (client, index) -> {
          PreparedStatement insert = inserts.get(client);
          insert.setString(1, UUID.randomUUID().toString());
          insert.setBytes(2, sample.metaData());
          insert.setBytes(3, sample.payload());
          insert.setString(4, sample.revision());
          insert.setString(5, sample.payloadType());
          insert.setString(6, sample.timeStamp());
          insert.setString(7, aggregates[client]);
          insert.setLong(8, sequences[client]++);
          insert.setBytes(9, hash);
          insert.setBytes(10, hash);
          insert.executeUpdate();
          return Load.Outcome.OK;
        });
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
  }
}
