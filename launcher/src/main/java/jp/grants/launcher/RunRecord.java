package jp.grants.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import jp.grants.infra.Directories;

/**
 * What a local run started, kept on disk ({@code <work directory>/run.pids}) while it runs, so that
 * the next run can stop what a launcher that died (a {@code kill -9}, a stop cut short) left
 * behind: the services run in sessions of their own and the broker and PostgreSQL outlive their
 * parent, so without the record they would keep their ports and the next start would fail.
 *
 * <p>A process is named by its pid and its start time: a pid the system has since given to another
 * program is never touched. The first line is the launcher itself; a run whose launcher still lives
 * is refused, never stopped.
 */
final class RunRecord {
  static final String FILE_NAME = "run.pids";
  static final String LAUNCHER = "launcher";

  /**
   * One process of a run; {@code directory} is deleted once it has stopped (its temporary data).
   */
  record Entry(String name, long pid, Instant started, Optional<Path> directory) {
    Entry {
      if (name.isBlank() || name.contains("\t") || name.contains("\n")) {
        throw new IllegalArgumentException("not a name for a run record: '" + name + "'");
      }
    }

    static Entry of(String name, ProcessHandle process, Optional<Path> directory) {
      return new Entry(name, process.pid(), startOf(process).orElse(Instant.EPOCH), directory);
    }

    String line() {
      return name
          + '\t'
          + pid
          + '\t'
          + started
          + '\t'
          + directory.map(d -> d.toAbsolutePath().toString()).orElse("");
    }

    static Entry parse(String line) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 4) {
        throw new IllegalArgumentException("not a run record line: '" + line + "'");
      }
      return new Entry(
          fields[0],
          Long.parseLong(fields[1]),
          Instant.parse(fields[2]),
          fields[3].isEmpty() ? Optional.empty() : Optional.of(Path.of(fields[3])));
    }

    /** The process, if it still runs and is the one recorded (not a later one with its pid). */
    Optional<ProcessHandle> live() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> startOf(p).filter(started::equals).isPresent());
    }

    @Override
    public String toString() {
      return name + " (pid " + pid + ")";
    }
  }

  private final Path file;
  private final List<Entry> entries = new ArrayList<>();

  private RunRecord(Path file) {
    this.file = file;
  }

  static Path fileIn(Path workDirectory) {
    return workDirectory.resolve(FILE_NAME);
  }

  /** A new record of this launcher's run; call after {@link #stopLeftovers}. */
  static RunRecord begin(Path workDirectory) {
    return begin(workDirectory, Entry.of(LAUNCHER, ProcessHandle.current(), Optional.empty()));
  }

  /** A record whose first line names the given launcher. */
  static RunRecord begin(Path workDirectory, Entry launcher) {
    RunRecord record = new RunRecord(fileIn(workDirectory));
    record.add(launcher);
    return record;
  }

  /** Adds a process this run started; the file on disk always holds every one added. */
  synchronized void add(Entry entry) {
    entries.add(entry);
    write();
  }

  /** The run has stopped everything it started: nothing is left to record. */
  synchronized void end() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  private void write() {
    StringBuilder text = new StringBuilder();
    for (Entry entry : entries) {
      text.append(entry.line()).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(FILE_NAME + ".next");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The entries of the record in this work directory, if there is one. */
  static List<Entry> read(Path workDirectory) {
    Path file = fileIn(workDirectory);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(Entry::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new LocalSystemException(
          file + " is not a run record (" + e.getMessage() + "); delete it if no run is active", e);
    }
  }

  /**
   * Stops what an earlier run in this work directory left running, last started first (services
   * before the broker before the database), each with SIGTERM and after {@code grace} SIGKILL, and
   * deletes their temporary directories. Refuses, naming the launcher, if that run's launcher still
   * lives. Returns what was stopped.
   */
  static List<Entry> stopLeftovers(Path workDirectory, Duration grace, Consumer<String> progress) {
    return stopLeftovers(
        workDirectory, grace, progress, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** As above; only directories below {@code temporaryRoot} are deleted. */
  static List<Entry> stopLeftovers(
      Path workDirectory, Duration grace, Consumer<String> progress, Path temporaryRoot) {
    List<Entry> recorded = read(workDirectory);
    if (recorded.isEmpty()) {
      return List.of();
    }
    Entry launcher = recorded.get(0);
    if (launcher.name().equals(LAUNCHER) && launcher.live().isPresent()) {
      throw new LocalSystemException(
          "another local run is active in "
              + workDirectory
              + ": its launcher (pid "
              + launcher.pid()
              + ", started "
              + launcher.started()
              + ") still runs; stop it with Ctrl-C in its terminal or `kill "
              + launcher.pid()
              + "`");
    }
    List<Entry> stopped = new ArrayList<>();
    List<Entry> leftovers = new ArrayList<>(recorded.subList(1, recorded.size()));
    Collections.reverse(leftovers);
    for (Entry entry : leftovers) {
      Optional<ProcessHandle> process = entry.live();
      if (process.isPresent()) {
        progress.accept(
            "stopping "
                + entry
                + ", left running by a local run whose launcher (pid "
                + launcher.pid()
                + ") died");
        stop(process.get(), grace);
        stopped.add(entry);
      }
      entry.directory().ifPresent(directory -> deleteTemporary(directory, temporaryRoot));
    }
    try {
      Files.deleteIfExists(fileIn(workDirectory));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stopped;
  }

  private static void stop(ProcessHandle process, Duration grace) {
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Only below the temporary directory: a record is a file anyone could have edited. */
  private static void deleteTemporary(Path directory, Path temporaryRoot) {
    Path temporary = temporaryRoot.toAbsolutePath().normalize();
    Path target = directory.toAbsolutePath().normalize();
    if (!target.startsWith(temporary) || target.equals(temporary) || !Files.isDirectory(target)) {
      return;
    }
    Directories.deleteRecursively(target);
  }

  /** Unknown on a system that does not say: such a process is never taken for a recorded one. */
  private static Optional<Instant> startOf(ProcessHandle process) {
    return process.info().startInstant();
  }
}
