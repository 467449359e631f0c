package jp.grants.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import jp.grants.bench.harness.Latencies.Latency;

/**
 * One line of the table: a measure of the system beside the same measure of the raw infrastructure,
 * taken in the same run.
 *
 * @param unit of {@code raw} and {@code system}, e.g. "ops/s", "ms"
 * @param ratio how the system compares with raw, as the goal reads it: system ÷ raw for rates
 *     (higher is better), system ÷ raw for times (lower is better)
 * @param goalMet null where there is no goal or a figure is missing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Row(
    String measure,
    String unit,
    Double raw,
    Double system,
    Double ratio,
    Goal goal,
    Boolean goalMet,
    Latency systemLatency,
    Latency rawLatency,
    String note) {

  /** A row whose ratio is system ÷ raw. */
  public static Row of(
      String measure,
      String unit,
      Double raw,
      Double system,
      Goal goal,
      Latency systemLatency,
      Latency rawLatency,
      String note) {
    Double ratio = raw == null || system == null || raw == 0 ? null : system / raw;
    return new Row(
        measure,
        unit,
        raw,
        system,
        ratio,
        goal,
        goal == null ? null : goal.metBy(ratio, system),
        systemLatency,
        rawLatency,
        note);
  }

  /** Figures for people: three significant digits, thousands separated. */
  public static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "–";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
