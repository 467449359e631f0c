package jp.grants.ledger;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.grants.contracts.FiscalYears;

/**
 * The ledger's clock (the {@link Clock} bean), in Japan's time zone (Asia/Tokyo): when money moved,
 * whether a fiscal year may be carried over yet (from 1 January of the next calendar year), the
 * days an ordered refund's additional charge runs, and whether a grant still runs (settlement).
 * Tests may fix it ({@link #fix}) and must {@link #reset} it afterwards.
 */
@Singleton
public class LedgerClock extends Clock {
  private static final Clock SYSTEM = Clock.system(FiscalYears.JAPAN);

  private volatile Clock clock = SYSTEM;

  /** Fixes the ledger's time (tests). */
  public void fix(Instant instant) {
    clock = Clock.fixed(instant, FiscalYears.JAPAN);
  }

  /** Back to the system's time. */
  public void reset() {
    clock = SYSTEM;
  }

  /** Today's date in Japan. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Today's fiscal year in Japan (1 April to 31 March, named by the year it starts in). */
  public int fiscalYear() {
    return FiscalYears.of(today());
  }

  @Override
  public ZoneId getZone() {
    return clock.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return clock.withZone(zone);
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }
}
