package jp.grants.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resident memory of a process from Linux' {@code /proc/<pid>/status}: {@code VmRSS} now and {@code
 * VmHWM}, the peak since start or since the peak was last reset (writing 5 to {@code
 * /proc/<pid>/clear_refs}, allowed for one's own processes since Linux 4.0).
 */
public final class Memory {
  private Memory() {}

  /** Resident set size now, in MiB; empty when the process or /proc is not there. */
  public static Optional<Double> rssMiB(long pid) {
    return field(pid, "VmRSS:");
  }

  /** Peak resident set size (high-water mark), in MiB. */
  public static Optional<Double> peakMiB(long pid) {
    return field(pid, "VmHWM:");
  }

  /** Starts a new peak from the current RSS; false where the kernel does not allow it. */
  public static boolean resetPeak(long pid) {
    try {
      Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The JVM of a service: the launcher starts {@code setsid java ...}, which replaces itself with
   * java unless it had to fork; then the JVM is its child.
   */
  public static long javaProcess(long pid) {
    if (isJava(pid)) {
      return pid;
    }
    return ProcessHandle.of(pid)
        .flatMap(
            handle ->
                handle.descendants().map(ProcessHandle::pid).filter(Memory::isJava).findFirst())
        .orElse(pid);
  }

  private static boolean isJava(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim().equals("java");
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Double> field(long pid, String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(name)) {
          String kib = line.substring(name.length()).replace("kB", "").trim();
          return Optional.of(Long.parseLong(kib) / 1024.0);
        }
      }
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
