package jp.grants.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/** Japanese fiscal years (年度): 1 April to 31 March, named by the year in which they start. */
public final class FiscalYears {
  public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

  private FiscalYears() {}

  public static int of(LocalDate date) {
    return date.getMonth().compareTo(Month.APRIL) >= 0 ? date.getYear() : date.getYear() - 1;
  }

  /** The fiscal year of an instant, as the calendar runs in Japan. */
  public static int of(Instant instant) {
    return of(LocalDate.ofInstant(instant, JAPAN));
  }

  public static LocalDate firstDay(int fiscalYear) {
    return LocalDate.of(fiscalYear, Month.APRIL, 1);
  }

  public static LocalDate lastDay(int fiscalYear) {
    return LocalDate.of(fiscalYear + 1, Month.MARCH, 31);
  }
}
