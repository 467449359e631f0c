package jp.grants.ledger.disbursement.domain;

import java.time.LocalDate;
import jp.grants.contracts.FiscalYears;

/**
 * The fiscal year a REST disbursement is booked in: the one the request names, else the fiscal year
 * of its value date, else the current fiscal year in Japan (1 April to 31 March).
 */
public final class DisbursementFiscalYear {
  private DisbursementFiscalYear() {}

  public static int resolve(Integer fiscalYear, LocalDate valueDate, LocalDate todayInJapan) {
    if (fiscalYear != null) {
      return fiscalYear;
    }
    return FiscalYears.of(valueDate != null ? valueDate : todayInJapan);
  }

  /** A request that names both must name a fiscal year that contains the value date. */
  public static boolean consistent(Integer fiscalYear, LocalDate valueDate) {
    return fiscalYear == null || valueDate == null || FiscalYears.of(valueDate) == fiscalYear;
  }
}
