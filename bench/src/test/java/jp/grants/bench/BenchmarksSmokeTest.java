package jp.grants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import jp.grants.bench.report.Report;
import jp.grants.bench.report.Row;
import jp.grants.bench.report.ScenarioResult;
import org.junit.jupiter.api.Test;

/**
 * The whole harness in smoke mode (tiny sizes, a few seconds per scenario) against the real system:
 * every scenario must produce figures for the system and its raw baseline, and the report files
 * must be written. The goals are not asserted: figures from a short run on a shared machine say
 * nothing about them; bench/README.md holds the full run's.
 */
class BenchmarksSmokeTest {
  @Test
  void shouldProduceFiguresForEveryScenarioAndWriteTheReport() throws Exception {
    Path project = Options.projectDirectory();
    Path output = project.resolve("bench/target/smoke-results");
    Files.deleteIfExists(output.resolve("latest.md"));
    Files.deleteIfExists(output.resolve("latest.json"));

    Report report = Benchmarks.run(Options.of(Sizes.smoke(), Set.of(), output, project));

    assertThat(report.scenarios())
        .extracting(ScenarioResult::getNumber)
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
    for (ScenarioResult scenario : report.scenarios()) {
      assertThat(scenario.getError()).as("scenario " + scenario.getNumber() + " error").isNull();
      assertThat(scenario.getRows()).as("scenario " + scenario.getNumber() + " rows").isNotEmpty();
      for (Row row : scenario.getRows()) {
        assertThat(row.raw()).as(row.measure() + ": raw").isNotNull().isPositive();
        assertThat(row.system()).as(row.measure() + ": system").isNotNull().isPositive();
        assertThat(row.ratio()).as(row.measure() + ": ratio").isNotNull().isPositive();
      }
      assertThat(scenario.getPeakRssMiB())
          .as("scenario " + scenario.getNumber() + " peak RSS")
          .containsKeys("grant-service", "review-service", "ledger-service");
    }
    assertThat(report.scenarios().get(3).getChecks())
        .as("cap checks after every run")
        .anyMatch(check -> check.contains("cap held exactly"))
        .allMatch(check -> !check.contains("cap violations") || check.contains("cap violations 0"));
    assertThat(report.scenarios().get(6).getChecks())
        .as("storm checks: answers, exact K, replay, caps")
        .allMatch(check -> !check.contains("cap violations") || check.contains("cap violations 0"))
        .allMatch(check -> !check.contains("other 5xx") || check.contains("0 × 5xx"))
        .filteredOn(check -> check.contains("exactly K = " + Sizes.smoke().stormPayments()))
        .hasSize(2);
    assertThat(report.scenarios().get(6).getChecks())
        .filteredOn(check -> check.contains("replay paid nothing"))
        .hasSize(2);
    assertThat(output.resolve("latest.json")).exists();
    String markdown = Files.readString(output.resolve("latest.md"));
    for (ScenarioResult scenario : report.scenarios()) {
      assertThat(markdown).contains(scenario.getTitle());
    }
  }
}
