package jp.grants.bench.report;

import java.math.BigDecimal;

/**
 * What the issue asks of a figure: a bound on the ratio (system beside raw) or on the system's own
 * value (e.g. p99 in ms, start-up in s, an exact count).
 *
 * @param on {@code ratio} or {@code system}
 * @param atLeast true for "≥ bound", false for "≤ bound" (unless {@code exactly})
 * @param exactly true for "= bound"
 */
public record Goal(String on, boolean atLeast, boolean exactly, double bound, String text) {
  public static Goal ratioAtLeast(double bound) {
    return new Goal("ratio", true, false, bound, "≥ " + plain(bound) + "×");
  }

  public static Goal ratioAtMost(double bound) {
    return new Goal("ratio", false, false, bound, "≤ " + plain(bound) + "×");
  }

  public static Goal systemAtMost(double bound, String unit) {
    return new Goal("system", false, false, bound, "≤ " + Row.number(bound) + " " + unit);
  }

  /**
   * The system's figure must be this value, e.g. exactly as many payments as the cap has room for.
   */
  public static Goal systemEquals(double value, String unit) {
    return new Goal("system", false, true, value, "= " + plain(value) + " " + unit);
  }

  /** Whether the figures meet it; null when a figure is missing. */
  public Boolean metBy(Double ratio, Double system) {
    Double value = on.equals("ratio") ? ratio : system;
    if (value == null || value.isNaN()) {
      return null;
    }
    if (exactly) {
      return Math.abs(value - bound) <= 1e-9 * Math.max(1, Math.abs(bound));
    }
    return atLeast ? value >= bound : value <= bound;
  }

  /** 0.1, 0.85, 2, 12: as the issue writes them. */
  private static String plain(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
