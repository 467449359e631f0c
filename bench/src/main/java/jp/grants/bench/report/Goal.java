package jp.grants.bench.report;

/**
 * What the issue asks of a figure: a bound on the ratio (system beside raw) or on the system's own
 * value (e.g. p99 in ms, start-up in s).
 *
 * @param on {@code ratio} or {@code system}
 * @param atLeast true for "≥ bound", false for "≤ bound"
 */
public record Goal(String on, boolean atLeast, double bound, String text) {
  public static Goal ratioAtLeast(double bound) {
    return new Goal("ratio", true, bound, "≥ " + bound + "×");
  }

  public static Goal ratioAtMost(double bound) {
    return new Goal("ratio", false, bound, "≤ " + bound + "×");
  }

  public static Goal systemAtMost(double bound, String unit) {
    return new Goal("system", false, bound, "≤ " + Row.number(bound) + " " + unit);
  }

  public static Goal systemEquals(double value, String unit) {
    return new Goal("system", false, value, "= " + Row.number(value) + " " + unit);
  }

  /** Whether the figures meet it; null when a figure is missing. */
  public Boolean metBy(Double ratio, Double system) {
    Double value = on.equals("ratio") ? ratio : system;
    if (value == null || value.isNaN()) {
      return null;
    }
    return atLeast ? value >= bound : value <= bound;
  }
}
