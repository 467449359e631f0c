package jp.grants.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine a run was made on, as the report states it. */
public record Machine(
    String date,
    int cpus,
    String cpuModel,
    String memory,
    String loadAverageBefore,
    String loadAverageAfter,
    String java,
    String os,
    String commit) {

  /** What can be read now; the load average after the run is filled in by {@link #after()}. */
  public static Machine now(Path projectDirectory) {
    return new Machine(
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        readMemory(),
        loadAverage(),
        null,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        commit(projectDirectory));
  }

  public Machine after() {
    return new Machine(
        date, cpus, cpuModel, memory, loadAverageBefore, loadAverage(), java, os, commit);
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The "Mem:" line of {@code free -h}: total, used, free, shared, buff/cache, available. */
  private static String readMemory() {
    String free = command(Path.of("."), "free", "-h");
    return free.lines()
        .filter(l -> l.startsWith("Mem:"))
        .findFirst()
        .map(
            l ->
                "total/used/free/shared/buff-cache/available: "
                    + String.join(" / ", List.of(l.substring(4).trim().split("\\s+"))))
        .orElse("unknown");
  }

  private static String commit(Path projectDirectory) {
    String head = command(projectDirectory, "git", "rev-parse", "--short", "HEAD").trim();
    if (head.isEmpty()) {
      return "unknown";
    }
    boolean dirty =
        !command(projectDirectory, "git", "status", "--porcelain", "--untracked-files=no")
            .isBlank();
    return dirty ? head + " (with uncommitted changes)" : head;
  }

  private static String command(Path directory, String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return "";
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
