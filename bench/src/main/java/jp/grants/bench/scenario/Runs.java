package jp.grants.bench.scenario;

import java.util.Locale;
import jp.grants.bench.Bench;
import jp.grants.bench.harness.Cpu;
import jp.grants.bench.harness.Latencies;
import jp.grants.bench.harness.Load;
import jp.grants.bench.report.ScenarioResult;

/** Small helpers the scenarios share. */
final class Runs {
  private Runs() {}

  /**
   * A run with errors measured something else than asked: stop the scenario, saying what went
   * wrong.
   */
  static Load.Result requireClean(Load.Result result, String what) {
    if (result.errors() > 0) {
      throw new IllegalStateException(
          what + ": " + result.errors() + " operations failed, e.g. " + result.errorSamples());
    }
    return result;
  }

  /** The mean rate of a baseline measured before and after the system. */
  static double meanRate(Load.Result before, Load.Result after) {
    return (before.rate() + after.rate()) / 2;
  }

  static Latencies.Latency merged(Load.Result before, Load.Result after) {
    return Latencies.merged(before.latencies(), after.latencies()).summary();
  }

  /**
   * Adds "CPU per operation, <label>: …" for what the processes used since {@code before}; returns
   * that.
   */
  static Cpu.Sample cpuNote(
      Bench bench, ScenarioResult result, String label, Cpu.Sample before, long operations) {
    Cpu.Sample used = bench.system().cpu().minus(before);
    result.note("CPU per operation (ms), " + label + ": " + used.perOperation(operations));
    return used;
  }

  /**
   * The same per answered operation of the run, with the CPU its client threads used themselves
   * (part of "bench clients", which is the whole benchmark JVM: its JIT compiler and GC as well).
   */
  static Cpu.Sample cpuNote(
      Bench bench, ScenarioResult result, String label, Cpu.Sample before, Load.Result run) {
    Cpu.Sample used = bench.system().cpu().minus(before);
    result.note(
        "CPU per operation (ms), "
            + label
            + ": "
            + used.perOperation(run.answered())
            + clientThreads(run));
    return used;
  }

  /** "; the client threads themselves 0.081 ms per operation", or "" where not measured. */
  static String clientThreads(Load.Result run) {
    if (run.clientCpuNanos() <= 0 || run.answered() == 0) {
      return "";
    }
    return f(
        "; of the bench clients' share, the client threads themselves %.3f ms per operation",
        run.clientCpuNanos() / 1e6 / run.answered());
  }

  /**
   * Waits until the system has finished the work a run left behind (events to publish, consume,
   * project), so that it does not slow the next measurement; notes how long that took.
   */
  static void awaitQuiet(Bench bench, ScenarioResult result, String when)
      throws InterruptedException {
    long began = System.nanoTime();
    String busy = bench.awaitQuiet();
    double seconds = (System.nanoTime() - began) / 1e9;
    if (busy != null) {
      result.note("Still busy " + when + " after waiting " + Math.round(seconds) + " s: " + busy);
    } else if (seconds > 5) {
      result.note(
          f(
              "The system needed %.0f s %s to finish the work left (publishing, consuming, projecting).",
              seconds, when));
    }
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
