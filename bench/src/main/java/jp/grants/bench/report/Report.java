package jp.grants.bench.report;

import java.util.List;
import java.util.Map;
import jp.grants.bench.harness.Machine;

/**
 * A whole run: where and when it ran, how the system was set up, and every scenario's result.
 *
 * @param mode {@code full} or {@code smoke}
 * @param setup how the system ran (heap, PostgreSQL and Kafka settings, snapshot threshold)
 */
public record Report(
    String mode,
    Machine machine,
    Map<String, String> setup,
    List<ScenarioResult> scenarios,
    double seconds) {

  /** Whether every scenario ran to its end and produced figures. */
  public boolean complete() {
    return scenarios.stream().allMatch(s -> s.getError() == null && !s.getRows().isEmpty());
  }
}
