package jp.grants.ledger.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import jp.grants.contracts.FiscalYears;

/**
 * The ledger's clock for the rules that depend on the date (a grant "runs" until the fiscal year
 * after its end year begins): Japan's time (Asia/Tokyo). Tests may set another clock.
 */
@ApplicationScoped
public class LedgerClock {
  private volatile Clock clock = Clock.system(FiscalYears.JAPAN);

  public Clock clock() {
    return clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Today's fiscal year in Japan (1 April to 31 March, named by the year it starts in). */
  public int fiscalYear() {
    return FiscalYears.of(today());
  }

  /** For tests: the clock the rules read from now on (null: the system's, in Japan). */
  public void set(Clock newClock) {
    this.clock = newClock == null ? Clock.system(FiscalYears.JAPAN) : newClock.withZone(FiscalYears.JAPAN);
  }
}
