package jp.grants.review.review.domain;

/** Means as integer hundredths (4.25 → 425), exact, rounding half up: no floating point. */
public final class Hundredths {
  private Hundredths() {}

  /**
   * {@code round(sum * 100 / count)} with halves rounded up, for non-negative sums: {@code (200 *
   * sum + count) / (2 * count)}.
   */
  public static int mean(long sum, long count) {
    if (count <= 0) {
      throw new IllegalArgumentException("a mean needs at least one value");
    }
    if (sum < 0) {
      throw new IllegalArgumentException("scores are never negative");
    }
    return Math.toIntExact((200 * sum + count) / (2 * count));
  }

  /** 425 → "4.25", for messages. */
  public static String format(int hundredths) {
    return hundredths / 100 + "." + String.format("%02d", hundredths % 100);
  }
}
