package jp.grants.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.grants.launcher.RunRecord.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run record with real processes: what a dead launcher left running is stopped, a live run and
 * a pid the system gave to another program are never touched.
 */
class RunRecordTest {
  private static final Duration GRACE = Duration.ofSeconds(5);

  @TempDir Path work;
  private final List<Process> started = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void leftoversOfADeadLauncherAreStoppedLastStartedFirstAndTheirTemporaryDataDeleted()
      throws Exception {
    Path data = Files.createTempDirectory("grants-pg-test-");
    Files.writeString(data.resolve("postmaster.pid"), "1\n");
    Process postgres = sleeper();
    Process broker = sleeper();
    Process service = sleeperIgnoringSigterm();
    RunRecord record = RunRecord.begin(work, deadLauncher());
    record.add(Entry.of("postgresql", postgres.toHandle(), Optional.of(data)));
    record.add(Entry.of("kafka-broker", broker.toHandle(), Optional.empty()));
    record.add(Entry.of("grant-service", service.toHandle(), Optional.empty()));

    List<Entry> stopped = RunRecord.stopLeftovers(work, Duration.ofMillis(500), progress::add);

    assertThat(stopped)
        .extracting(Entry::name)
        .containsExactly("grant-service", "kafka-broker", "postgresql");
    assertThat(List.of(postgres, broker, service)).noneMatch(Process::isAlive);
    assertThat(data).doesNotExist();
    assertThat(RunRecord.fileIn(work)).doesNotExist();
    assertThat(progress).anyMatch(line -> line.contains("grant-service (pid " + service.pid()));
    assertThat(RunRecord.stopLeftovers(work, GRACE, progress::add)).isEmpty();
  }

  @Test
  void aRunWhoseLauncherStillLivesIsRefusedNamingItAndNothingIsStopped() throws Exception {
    Process launcher = sleeper();
    Process service = sleeper();
    RunRecord record =
        RunRecord.begin(work, Entry.of(RunRecord.LAUNCHER, launcher.toHandle(), Optional.empty()));
    record.add(Entry.of("grant-service", service.toHandle(), Optional.empty()));

    assertThatThrownBy(() -> RunRecord.stopLeftovers(work, GRACE, progress::add))
        .isInstanceOf(LocalSystemException.class)
        .hasMessageContaining("pid " + launcher.pid())
        .hasMessageContaining("still runs");
    assertThat(service.isAlive()).isTrue();
    assertThat(RunRecord.fileIn(work)).exists();
  }

  @Test
  void aPidNowHeldByAnotherProgramIsLeftAlone() throws Exception {
    Process other = sleeper();
    RunRecord record = RunRecord.begin(work, deadLauncher());
    // the same pid, but not the process the run started (that one started at another time)
    record.add(new Entry("grant-service", other.pid(), Instant.EPOCH, Optional.empty()));

    assertThat(RunRecord.stopLeftovers(work, GRACE, progress::add)).isEmpty();
    assertThat(other.isAlive()).isTrue();
    assertThat(RunRecord.fileIn(work)).doesNotExist();
  }

  @Test
  void aDirectoryOutsideTheTemporaryOneIsNeverDeleted() throws Exception {
    // the temporary root as the launcher would see it, and a directory outside it
    Path temporaryRoot = Files.createDirectories(work.resolve("tmp"));
    Path kept = Files.createDirectories(work.resolve("kept"));
    RunRecord record = RunRecord.begin(work, deadLauncher());
    record.add(Entry.of("postgresql", sleeper().toHandle(), Optional.of(kept)));

    assertThat(RunRecord.stopLeftovers(work, GRACE, progress::add, temporaryRoot)).hasSize(1);
    assertThat(kept).isDirectory();
  }

  @Test
  void aRunRecordsItsLauncherFirstAndEndsWithoutAFile() {
    RunRecord record = RunRecord.begin(work);
    record.add(Entry.of("grant-service", ProcessHandle.current(), Optional.empty()));

    List<Entry> read = RunRecord.read(work);
    assertThat(read).extracting(Entry::name).containsExactly(RunRecord.LAUNCHER, "grant-service");
    assertThat(read.get(0).pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(read.get(0).live()).isPresent();

    record.end();
    assertThat(RunRecord.fileIn(work)).doesNotExist();
  }

  @Test
  void aFileThatIsNotARecordIsNamed() throws IOException {
    Files.writeString(RunRecord.fileIn(work), "launcher\tnot-a-pid\n");

    assertThatThrownBy(() -> RunRecord.stopLeftovers(work, GRACE, progress::add))
        .isInstanceOf(LocalSystemException.class)
        .hasMessageContaining("is not a run record");
  }

  /** A launcher entry for a process that has since ended. */
  private Entry deadLauncher() throws Exception {
    Process launcher = sleeper();
    Entry entry = Entry.of(RunRecord.LAUNCHER, launcher.toHandle(), Optional.empty());
    launcher.destroyForcibly().waitFor();
    return entry;
  }

  private Process sleeper() throws IOException {
    return start("sleep", "600");
  }

  /** As a service slow to shut down: SIGTERM is ignored, only SIGKILL ends it. */
  private Process sleeperIgnoringSigterm() throws Exception {
    Process process = start("sh", "-c", "trap '' TERM; exec sleep 600");
    // once the shell has become sleep, the trap is set (an ignored signal stays ignored across
    // exec)
    while (!process.info().command().orElse("").endsWith("sleep")) {
      Thread.onSpinWait();
    }
    return process;
  }

  private Process start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    return process;
  }
}
