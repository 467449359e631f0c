package jp.grants.contracts;

import java.util.Objects;

/**
 * An amount of whole yen for one Japanese fiscal year (April to March).
 *
 * @param fiscalYear the fiscal year, named by the calendar year in which it starts (FY2025 = April
 *     2025 to March 2026)
 * @param amountYen whole yen, never negative
 */
public record FiscalYearAmount(int fiscalYear, @Minimum(0) long amountYen) {
  public FiscalYearAmount {
    if (amountYen < 0) {
      throw new IllegalArgumentException("amountYen must not be negative: " + amountYen);
    }
  }

  public static long total(Iterable<FiscalYearAmount> amounts) {
    long total = 0;
    for (FiscalYearAmount amount : Objects.requireNonNull(amounts)) {
      total = Math.addExact(total, amount.amountYen());
    }
    return total;
  }
}
