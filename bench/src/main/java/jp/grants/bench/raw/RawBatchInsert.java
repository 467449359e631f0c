package jp.grants.bench.raw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.bench.harness.Load;
import jp.grants.bench.system.BenchSystem;
import jp.grants.launcher.Service;

/**
 * The raw baseline of read model catch-up: batched INSERTs (one transaction per batch, as the
 * processor commits one batch per transaction) of rows like the read model's into a copy of its
 * table ({@code grant_summary}, with its indexes), from as many threads as the processor has
 * segments.
 */
public final class RawBatchInsert {
  private static final String TABLE = "bench_raw_summary";

  private RawBatchInsert() {}

  /** Inserts {@code rows} rows; the result counts rows (ok) and times batches (latency). */
  public static Load.Result run(BenchSystem system, long rows, int threads, int batch)
      throws SQLException {
    try (Connection c = system.connect(Service.GRANT);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute(
          "CREATE TABLE "
              + TABLE
              + " (LIKE grant_summary INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
    }
    Connection[] connections = new Connection[threads];
    for (int i = 0; i < threads; i++) {
      connections[i] = system.connect(Service.GRANT);
      connections[i].setAutoCommit(false);
    }
    AtomicLong inserted = new AtomicLong();
    long batches = (rows + batch - 1) / batch;
    try {
      Load.Result result =
          Load.closed(
              threads,
              Duration.ofHours(1),
              batches,
              (client, index) -> {
                int size = (int) Math.min(batch, rows - index * batch);
                insertBatch(connections[client], size);
                inserted.addAndGet(size);
                return Load.Outcome.OK;
              });
      return new Load.Result(
          inserted.get(),
          0,
          result.errors(),
          result.elapsed(),
          result.latencies(),
          result.errorSamples(),
          result.clientCpuNanos());
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  private static void insertBatch(Connection c, int size) throws SQLException {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (grant_id, program_code, status, phase,"
                + " title, applicant_id, pi_name, pi_institution, start_fiscal_year, end_fiscal_year, total_awarded_yen,"
                + " disbursed_yen, version, submitted_at, updated_at) VALUES (?, 'WPI', 'ACTIVE', 'MAIN',"
                + " 'Center for advanced interdisciplinary research', 'bench-applicant', 'Hanako Yamada', 'Kyoto University',"
                + " 2025, 2034, 1000000000, 0, ?, ?, ?)")) {
      for (int i = 0; i < size; i++) {
        insert.setObject(1, UUID.randomUUID());
        insert.setLong(2, i);
        insert.setTimestamp(3, now);
        insert.setTimestamp(4, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    c.commit();
  }
}
