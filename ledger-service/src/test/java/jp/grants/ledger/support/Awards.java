package jp.grants.ledger.support;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.GrantAwarded;

/** Awards made through grant-events, the way grants reach the ledger. */
public final class Awards {
  private Awards() {}

  public static FiscalYearAmount fy(int fiscalYear, long amountYen) {
    return new FiscalYearAmount(fiscalYear, amountYen);
  }

  /** An award of the program's first phase, with the program's eligible expenses. */
  public static GrantAwarded award(
      String programCode, long totalAwardedYen, FiscalYearAmount... allocations) {
    var program = ProgramCatalog.load().require(programCode);
    List<FiscalYearAmount> plan = Arrays.asList(allocations);
    int start = plan.stream().mapToInt(FiscalYearAmount::fiscalYear).min().orElseThrow();
    int end = plan.stream().mapToInt(FiscalYearAmount::fiscalYear).max().orElseThrow();
    return new GrantAwarded(
        UUID.randomUUID(),
        programCode,
        program.initialPhase().code(),
        start,
        end,
        plan,
        totalAwardedYen,
        program.eligibleExpenses(),
        null);
  }

  /** Publishes the award and waits until the ledger has applied it. */
  public static GrantAwarded publish(GrantEventsProducer producer, GrantAwarded award) {
    EventEnvelope envelope = producer.send(award);
    Db.awaitApplied(envelope);
    return award;
  }
}
