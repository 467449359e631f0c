package jp.grants.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.grants.bench.harness.Machine;
import jp.grants.bench.harness.Memory;
import jp.grants.bench.report.Report;
import jp.grants.bench.report.ReportWriter;
import jp.grants.bench.report.ScenarioResult;
import jp.grants.bench.scenario.CapDisbursements;
import jp.grants.bench.scenario.CommandAppend;
import jp.grants.bench.scenario.DisbursementStorm;
import jp.grants.bench.scenario.Publication;
import jp.grants.bench.scenario.ReadModelCatchUp;
import jp.grants.bench.scenario.Replay;
import jp.grants.bench.scenario.Scenario;
import jp.grants.bench.scenario.StartupMemory;
import jp.grants.bench.system.BenchSystem;
import jp.grants.launcher.LocalSystemConfig;
import jp.grants.launcher.Service;

/**
 * The benchmarks: starts the whole system once, as the local run does, runs the seven scenarios in
 * order (each beside its raw baseline on the same PostgreSQL server or Kafka broker, in the same
 * run), and writes {@code latest.md} and {@code latest.json}. Goals are reported, never asserted.
 *
 * <p>{@code ./bench.sh [--smoke] [--only 1,3] [--out DIR]}
 */
public final class Benchmarks {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Benchmarks() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(options);
    System.out.println();
    System.out.println(ReportWriter.markdown(report));
    System.out.println("Written to " + options.output().resolve("latest.md") + " and latest.json");
    System.exit(report.complete() ? 0 : 1);
  }

  public static List<Scenario> scenarios() {
    return List.of(
        new CommandAppend(),
        new Replay(),
        new Publication(),
        new CapDisbursements(),
        new ReadModelCatchUp(),
        new StartupMemory(),
        new DisbursementStorm());
  }

  /** Runs the chosen scenarios on a system of their own and writes the report. */
  public static Report run(Options options) {
    long began = System.nanoTime();
    Machine machine = Machine.now(options.project());
    log(
        "benchmarks, "
            + options.sizes().mode()
            + " run, on "
            + machine.cpus()
            + " CPUs ("
            + machine.cpuModel()
            + "), load average "
            + machine.loadAverageBefore());
    List<ScenarioResult> results = new ArrayList<>();
    BenchSystem system =
        BenchSystem.start(
            options.project(),
            options.work(),
            options.javaOptions(),
            options.sizes().readyTimeout(),
            options.client(),
            Benchmarks::log);
    // Ctrl-C: stop the services, the broker and the database this run started.
    Thread stopper = new Thread(system::close, "bench-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      Bench bench = new Bench(system, options.sizes(), Benchmarks::log);
      for (Scenario scenario : scenarios()) {
        if (options.runs(scenario.number())) {
          results.add(runOne(bench, scenario));
        }
      }
    } finally {
      system.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException e) {
        // already shutting down: the hook stops the system (again, which does nothing)
      }
    }
    Report report =
        new Report(
            options.sizes().mode(),
            machine.after(),
            setup(options),
            results,
            (System.nanoTime() - began) / 1e9);
    ReportWriter.write(report, options.output());
    return report;
  }

  private static ScenarioResult runOne(Bench bench, Scenario scenario) {
    ScenarioResult result = new ScenarioResult(scenario.number(), scenario.title());
    log("== scenario " + scenario.number() + ": " + scenario.title());
    long began = System.nanoTime();
    String error = null;
    try {
      String busy = bench.awaitQuiet();
      if (busy != null) {
        result.note(
            "The system was still busy from earlier work when this scenario began: " + busy);
      }
      resetPeaks(bench);
      scenario.run(bench, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (Exception | AssertionError e) {
      error = e.toString();
      log("scenario " + scenario.number() + " failed: " + e);
      e.printStackTrace(System.out);
    }
    readPeaks(bench, result);
    double seconds = (System.nanoTime() - began) / 1e9;
    result.finished(seconds, error);
    log(
        String.format(
            "== scenario %d done in %.0f s%s",
            scenario.number(), seconds, error == null ? "" : " (error)"));
    return result;
  }

  private static void resetPeaks(Bench bench) {
    for (Service service : Service.values()) {
      Memory.resetPeak(bench.system().javaPid(service));
    }
  }

  private static void readPeaks(Bench bench, ScenarioResult result) {
    for (Service service : Service.values()) {
      try {
        Memory.peakMiB(bench.system().javaPid(service))
            .ifPresent(mib -> result.peakRss(service.moduleName(), mib));
      } catch (RuntimeException e) {
        // a service restarted by scenario 6 may be between processes
      }
    }
  }

  private static Map<String, String> setup(Options options) {
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put(
        "Services",
        "JVM mode (Quarkus fast-jar), "
            + String.join(" ", options.javaOptions())
            + " each, started by the launcher as in ./run-local.sh"
            + (options.javaOptions().equals(LocalSystemConfig.DEFAULT_JAVA_OPTIONS)
                ? ""
                : " (not the launcher's default)"));
    setup.put(
        "PostgreSQL",
        "embedded PostgreSQL 17 (zonky binaries) as in the local run: fsync on,"
            + " synchronous_commit off (a commit does not wait for its WAL flush; the raw baselines run under the same"
            + " setting), max_connections 300, other settings default; one server for the three services' databases and the raw baselines");
    setup.put(
        "Kafka",
        "one KRaft broker 4.1.1 in its own JVM (-Xmx768m) as in the local run; replication factor 1,"
            + " flushing left to the OS; grant-events has 3 partitions");
    setup.put(
        "grant-service",
        "snapshot threshold "
            + env("GRANTS_AXON_SNAPSHOT_THRESHOLD", "50")
            + " events, "
            + env("GRANTS_AXON_SEGMENTS", "4")
            + " segments per streaming processor, batch "
            + env("GRANTS_AXON_BATCH_SIZE", "100"));
    setup.put(
        "Load",
        "clients run in the benchmark's JVM on the same machine (hot loops: "
            + options.client().description()
            + "; set-up calls: JDK HttpClient; JDBC; kafka-clients 4.1.1): they take CPU from the system under test, as they do"
            + " from the raw baselines. \"bench clients\" in the CPU notes is the whole benchmark JVM (its JIT and GC too);"
            + " \"client threads\" is the CPU the load's own threads used");
    return setup;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static void log(String line) {
    System.out.println(LocalTime.now().format(CLOCK) + " " + line);
    System.out.flush();
  }

  static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
