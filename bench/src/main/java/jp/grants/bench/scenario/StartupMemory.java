package jp.grants.bench.scenario;

import static jp.grants.bench.scenario.Runs.f;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.grants.bench.Bench;
import jp.grants.bench.harness.BareJvm;
import jp.grants.bench.harness.Memory;
import jp.grants.bench.report.Goal;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.launcher.Service;
import jp.grants.launcher.ServiceProcess;

/**
 * 6. Each service's resident memory after the other scenarios, then its time from process start to
 * readiness UP (database, schema, Kafka checks) when restarted, in JVM mode; beside a bare JVM with
 * the same options (time until its main method runs, and its RSS then). First, with no traffic at
 * all, what each service still asks of its database per second: PostgreSQL's count of the
 * database's transactions, and of the scans of its tables (each statement of the idle work, a poll,
 * a gap check or a claim extension, scans one table at least).
 */
public final class StartupMemory implements Scenario {
  private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
  private static final long POLL_MILLIS = 20;

  @Override
  public int number() {
    return 6;
  }

  @Override
  public String title() {
    return "Start-up and memory";
  }

  @Override
  public void run(Bench bench, ScenarioResult result) throws Exception {
    int restarts = bench.sizes().restarts();
    List<Double> bareSeconds = new ArrayList<>();
    List<Double> bareRss = new ArrayList<>();
    List<String> javaOptions = bench.system().local().config().javaOptions();
    for (int i = 0; i < restarts; i++) {
      double[] bare = bareJvm(javaOptions);
      bareSeconds.add(bare[0]);
      bareRss.add(bare[1]);
    }
    idleWork(bench, result);
    double rawReady = median(bareSeconds);
    double rawRss = median(bareRss);
    for (Service service : Service.values()) {
      long pid = bench.system().javaPid(service);
      double rss = Memory.rssMiB(pid).orElse(Double.NaN);
      double peak = Memory.peakMiB(pid).orElse(Double.NaN);
      result.add(
          Row.of(
              service + ": RSS after scenarios 1-5 (raw: a bare JVM, same options)",
              "MiB",
              rawRss,
              rss,
              Goal.systemAtMost(300, "MiB"),
              null,
              null,
              f("peak during this scenario so far %.0f MiB", peak)));
      restart(bench, service, restarts, rawReady, result);
    }
    result.note(
        f(
            "Bare JVM (%s, a main method that prints and waits): ready after %.2f s, RSS %.0f MiB (median of %d).",
            String.join(" ", javaOptions), rawReady, rawRss, restarts));
  }

  /**
   * Transactions per second on each service's database while nothing is asked of the system, all in
   * one window; beside a bare client that polls its own database once a second in the same window.
   */
  private static void idleWork(Bench bench, ScenarioResult result) throws Exception {
    String busy = bench.awaitQuiet();
    if (busy != null) {
      result.note("Idle work measured while the system was still busy: " + busy);
    }
    long window = bench.sizes().idleSeconds();
    var postgres = bench.system().local().postgres();
    postgres.createDatabase("bench_idle");
    List<java.sql.Connection> connections = new ArrayList<>();
    try (var raw =
        java.sql.DriverManager.getConnection(
            postgres.jdbcUrl("bench_idle"), postgres.username(), postgres.password())) {
      try (var create = raw.createStatement()) {
        create.execute("CREATE TABLE IF NOT EXISTS bench_idle_poll (id int)");
      }
      for (Service service : Service.values()) {
        connections.add(bench.system().connect(service));
      }
      long[][] before = new long[connections.size()][];
      List<java.util.Map<String, Long>> tablesBefore = new ArrayList<>();
      for (int i = 0; i < before.length; i++) {
        before[i] = counters(connections.get(i));
        tablesBefore.add(scansByTable(connections.get(i)));
      }
      long[] rawBefore = counters(raw);
      for (long second = 0; second < window; second++) {
        Thread.sleep(1000);
        try (var poll = raw.createStatement()) {
          poll.execute("SELECT count(*) FROM bench_idle_poll");
        }
      }
      long[] rawAfter = counters(raw);
      // Each counting connection's own two queries are not the service's (nor the poller's); they
      // read only catalogs, which the table counters leave out.
      double rawPerSecond = Math.max(0, rawAfter[0] - rawBefore[0] - 2) / (double) window;
      double rawScansPerSecond = Math.max(0, rawAfter[1] - rawBefore[1]) / (double) window;
      for (int i = 0; i < before.length; i++) {
        Service service = Service.values()[i];
        long[] after = counters(connections.get(i));
        java.util.Map<String, Long> tables = scansByTable(connections.get(i));
        java.util.Map<String, Long> start = tablesBefore.get(i);
        StringBuilder busiest = new StringBuilder();
        tables.entrySet().stream()
            .map(
                e ->
                    java.util.Map.entry(
                        e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(
                e ->
                    busiest
                        .append(busiest.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(f("%.2f/s", e.getValue() / (double) window)));
        result.note(
            f(
                "%s idle, scans by table: %s",
                service, busiest.length() == 0 ? "none" : busiest.toString()));
        double perSecond = Math.max(0, after[0] - before[i][0] - 2) / (double) window;
        double scansPerSecond = Math.max(0, after[1] - before[i][1]) / (double) window;
        result.add(
            Row.of(
                service
                    + ": database transactions per second with no traffic (raw: a client polling"
                    + " once a second)",
                "1/s",
                rawPerSecond,
                perSecond,
                Goal.systemAtMost(5, "1/s"),
                null,
                null,
                f("over the same %d s, after the system was quiet", window)));
        result.add(
            Row.of(
                service
                    + ": statements on its tables per second with no traffic (table and index"
                    + " scans; raw: the same poller)",
                "1/s",
                rawScansPerSecond,
                scansPerSecond,
                Goal.systemAtMost(5, "1/s"),
                null,
                null,
                f(
                    "over the same %d s: PostgreSQL's scans of the database's own tables, one or"
                        + " more per statement that reads or writes a row (advisory locks and"
                        + " LISTEN touch none)",
                    window)));
      }
    } finally {
      for (var connection : connections) {
        connection.close();
      }
    }
  }

  /**
   * The database's transactions and the scans of its own tables (sequential and index scans, from
   * {@code pg_stat_user_tables}: every statement that reads or writes a table row counts at least
   * one).
   */
  private static long[] counters(java.sql.Connection connection) throws java.sql.SQLException {
    try (var statement = connection.createStatement()) {
      // Counters reach the views at most once a second per backend: let the last ones arrive.
      statement.execute("SELECT pg_stat_clear_snapshot()");
      try (var rs =
          statement.executeQuery(
              "SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database"
                  + " WHERE datname = current_database()),"
                  + " (SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)"
                  + " FROM pg_stat_user_tables)")) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /** Scans (sequential and index) of each of the database's own tables so far. */
  private static java.util.Map<String, Long> scansByTable(java.sql.Connection connection)
      throws java.sql.SQLException {
    java.util.Map<String, Long> scans = new java.util.HashMap<>();
    try (var statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
                    + " FROM pg_stat_user_tables")) {
      while (rs.next()) {
        scans.put(rs.getString(1), rs.getLong(2));
      }
    }
    return scans;
  }

  private static void restart(
      Bench bench, Service service, int restarts, double rawReady, ScenarioResult result)
      throws Exception {
    ServiceProcess process = bench.system().process(service);
    List<Double> ready = new ArrayList<>();
    List<Double> rssAtReady = new ArrayList<>();
    List<String> quarkus = new ArrayList<>();
    for (int i = 0; i < restarts; i++) {
      process.stop();
      long began = System.nanoTime();
      process.start();
      while (!process.readiness(Duration.ofSeconds(5)).isUp()) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              service + " exited while starting: " + process.tailLog(30));
        }
        if (System.nanoTime() - began > bench.sizes().readyTimeout().toNanos()) {
          throw new IllegalStateException(
              service + " was not ready in " + bench.sizes().readyTimeout());
        }
        Thread.sleep(POLL_MILLIS);
      }
      ready.add((System.nanoTime() - began) / 1e9);
      rssAtReady.add(Memory.rssMiB(bench.system().javaPid(service)).orElse(Double.NaN));
      quarkus.add(startedIn(process.log()));
    }
    result.add(
        Row.of(
            service + ": process start → readiness UP (raw: a bare JVM's start)",
            "s",
            rawReady,
            median(ready),
            Goal.systemAtMost(3, "s"),
            null,
            null,
            f(
                "each restart %s s; Quarkus' own 'started in' %s s; RSS at ready %.0f MiB",
                list(ready), quarkus, median(rssAtReady))));
  }

  /** The seconds until a bare JVM's main method runs, and its RSS then. */
  private static double[] bareJvm(List<String> javaOptions)
      throws IOException, InterruptedException {
    Path classes =
        Path.of(BareJvm.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", classes.toString(), BareJvm.class.getName()));
    long began = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      double seconds = (System.nanoTime() - began) / 1e9;
      if (!"ready".equals(line)) {
        throw new IllegalStateException("the bare JVM said " + line);
      }
      return new double[] {seconds, Memory.rssMiB(process.pid()).orElse(Double.NaN)};
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  /** Quarkus' own "started in X.XXXs" from the newest start in the service's log. */
  private static String startedIn(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        Matcher matcher = STARTED.matcher(lines.get(i));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "?";
    }
    return "?";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String list(List<Double> values) {
    return values.stream().map(v -> f("%.2f", v)).toList().toString();
  }
}
