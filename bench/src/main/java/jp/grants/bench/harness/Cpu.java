package jp.grants.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU time used by the processes of the run, from Linux' {@code /proc/<pid>/stat}: user and system
 * time of a process and of its live descendants, plus the time of descendants that have ended and
 * been reaped (PostgreSQL's backends are children of the postmaster). On a shared machine this says
 * what each operation costs, whatever else runs beside it.
 */
public final class Cpu {
  private static final double TICKS_PER_SECOND = clockTicks();

  private Cpu() {}

  /** CPU seconds by name, e.g. "grant-service" → 12.3. */
  public record Sample(Map<String, Double> seconds, long nanoTime) {
    /** What each process used since {@code earlier}. */
    public Sample minus(Sample earlier) {
      Map<String, Double> used = new LinkedHashMap<>();
      seconds.forEach(
          (name, value) -> used.put(name, value - earlier.seconds.getOrDefault(name, 0.0)));
      return new Sample(used, nanoTime - earlier.nanoTime);
    }

    /** The same with one process's figure taken from {@code other} (e.g. a shorter window's). */
    public Sample withFigureOf(String name, Sample other) {
      Map<String, Double> merged = new LinkedHashMap<>(seconds);
      if (other.seconds.containsKey(name)) {
        merged.put(name, other.seconds.get(name));
      }
      return new Sample(merged, nanoTime);
    }

    public double total() {
      return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** "grant-service 12.1, postgres 3.0, … = 18.2 ms per op; CPUs busy 1.8 of 2". */
    public String perOperation(long operations) {
      StringBuilder text = new StringBuilder();
      for (var entry : seconds.entrySet()) {
        double ms = entry.getValue() * 1000 / Math.max(1, operations);
        if (ms >= 0.005) {
          text.append(text.length() == 0 ? "" : ", ")
              .append(entry.getKey())
              .append(' ')
              .append(String.format(Locale.ROOT, "%.2f", ms));
        }
      }
      double wall = nanoTime / 1e9;
      return text
          + String.format(
              Locale.ROOT,
              " = %.2f ms CPU per operation; these processes kept %.2f of %d CPUs busy",
              total() * 1000 / Math.max(1, operations),
              wall > 0 ? total() / wall : 0,
              Runtime.getRuntime().availableProcessors());
    }
  }

  /** A process to account for, with or without its descendants. */
  public record Root(long pid, boolean tree) {}

  /** CPU seconds of each named process (tree), now. */
  public static Sample sample(Map<String, Root> roots) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    roots.forEach((name, root) -> seconds.put(name, seconds(root)));
    return new Sample(seconds, System.nanoTime());
  }

  private static double seconds(Root root) {
    long pid = root.pid();
    double total = ticks(pid, root.tree());
    var handle = ProcessHandle.of(pid);
    if (handle.isPresent() && root.tree()) {
      for (ProcessHandle child : (Iterable<ProcessHandle>) handle.get().descendants()::iterator) {
        total += ticks(child.pid(), false);
      }
    }
    return total / TICKS_PER_SECOND;
  }

  /** utime + stime (+ cutime + cstime: reaped children) in clock ticks; 0 when gone. */
  private static double ticks(long pid, boolean withReaped) {
    try {
      String stat =
          Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
      double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (withReaped) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out =
          new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      getconf.waitFor(5, TimeUnit.SECONDS);
      return Double.parseDouble(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
