package jp.grants.bench.raw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import jp.grants.bench.harness.Load;
import jp.grants.bench.system.BenchSystem;
import jp.grants.launcher.Service;

/**
 * The raw baseline of cap-checked disbursements: one conditional UPDATE per attempt (autocommit),
 * {@code UPDATE bench_cap SET spent = spent + ? WHERE id = ? AND spent + ? <= cap}, in the ledger's
 * database, one connection per client.
 */
public final class RawCapUpdate implements AutoCloseable {
  private static final String TABLE = "bench_cap";

  private final List<Connection> connections = new ArrayList<>();
  private final List<PreparedStatement> updates = new ArrayList<>();
  private final Connection admin;

  private RawCapUpdate(BenchSystem system, int clients) throws SQLException {
    admin = system.connect(Service.LEDGER);
    for (int i = 0; i < clients; i++) {
      Connection c = system.connect(Service.LEDGER);
      connections.add(c);
      updates.add(
          c.prepareStatement(
              "UPDATE " + TABLE + " SET spent = spent + ? WHERE id = ? AND spent + ? <= cap"));
    }
  }

  /** Creates the table with {@code rows} rows, each with the given cap and nothing spent. */
  public static RawCapUpdate open(BenchSystem system, int clients, int rows, long cap)
      throws SQLException {
    RawCapUpdate raw = new RawCapUpdate(system, clients);
    try (Statement s = raw.admin.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute(
          "CREATE TABLE "
              + TABLE
              + " (id INT PRIMARY KEY, spent BIGINT NOT NULL DEFAULT 0, cap BIGINT NOT NULL)");
      s.execute(
          "INSERT INTO "
              + TABLE
              + " (id, cap) SELECT g, "
              + cap
              + " FROM generate_series(0, "
              + (rows - 1)
              + ") g");
      s.execute("ANALYZE " + TABLE);
    }
    return raw;
  }

  /**
   * Attempts from every client for the duration (or {@code maxAttempts}), on a random row or on row
   * 0.
   */
  public Load.Result run(Duration duration, long maxAttempts, int rows, boolean hot, long amount) {
    return run(updates.size(), duration, maxAttempts, rows, hot, amount);
  }

  /** The same from the first {@code clients} connections only. */
  public Load.Result run(
      int clients, Duration duration, long maxAttempts, int rows, boolean hot, long amount) {
    if (clients > updates.size()) {
      throw new IllegalArgumentException(clients + " clients, " + updates.size() + " connections");
    }
    return Load.closed(
        clients,
        duration,
        maxAttempts,
        (client, index) -> {
          PreparedStatement update = updates.get(client);
          update.setLong(1, amount);
          update.setInt(2, hot ? 0 : ThreadLocalRandom.current().nextInt(rows));
          update.setLong(3, amount);
          return update.executeUpdate() == 1 ? Load.Outcome.OK : Load.Outcome.REFUSED;
        });
  }

  /** Sets one row's cap and spending. */
  public void reset(int id, long cap, long spent) throws SQLException {
    try (PreparedStatement s =
        admin.prepareStatement("UPDATE " + TABLE + " SET cap = ?, spent = ? WHERE id = ?")) {
      s.setLong(1, cap);
      s.setLong(2, spent);
      s.setInt(3, id);
      s.executeUpdate();
    }
  }

  /** Rows spent beyond their cap (must be 0), and the total spent. */
  public long[] violationsAndTotal() throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE spent > cap), coalesce(sum(spent), 0) FROM "
                    + TABLE)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  public long spent(int id) throws SQLException {
    try (PreparedStatement s =
        admin.prepareStatement("SELECT spent FROM " + TABLE + " WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
    admin.close();
  }
}
