package jp.grants.ledger.journal;

import java.util.Map;
import java.util.UUID;

/** The journal entries of the ledger's movements, built from figures alone. */
public final class Movements {
  private Movements() {}

  /**
   * A disbursement uses up the same amount of each of the three caps: the pool's budget pays the
   * grant, and the grant's allocation for the year and its total award shrink by the amount.
   */
  public static JournalEntry disbursement(UUID grantId, String pool, int fiscalYear, long amountYen, String memo) {
    if (amountYen <= 0) {
      throw new IllegalArgumentException("a disbursement moves a positive amount: " + amountYen);
    }
    return JournalEntry.builder(EntryKind.DISBURSED, memo)
        .move(Accounts.grantDisbursed(grantId), Accounts.programBudget(pool, fiscalYear), amountYen)
        .move(Accounts.programCommitments(pool, fiscalYear), Accounts.grantAllocation(grantId, fiscalYear), amountYen)
        .move(Accounts.programAwards(pool), Accounts.grantAward(grantId), amountYen)
        .build();
  }

  /** A pool's budget for a year raised (positive change) or lowered (negative). */
  public static JournalEntry budget(EntryKind kind, String pool, int fiscalYear, long changeYen, String memo) {
    return JournalEntry.builder(kind, memo)
        .move(Accounts.programBudget(pool, fiscalYear), Accounts.appropriation(pool, fiscalYear), changeYen)
        .build();
  }

  /**
   * Changes of a grant's allocations per fiscal year and of its total award; empty when nothing
   * changed.
   */
  public static JournalEntry.Builder allocations(
      EntryKind kind, UUID grantId, String pool, Map<Integer, Long> changesByYear, long totalChangeYen, String memo) {
    JournalEntry.Builder entry = JournalEntry.builder(kind, memo);
    long movedBetweenYears = 0;
    for (Map.Entry<Integer, Long> change : changesByYear.entrySet()) {
      entry.move(Accounts.grantAllocation(grantId, change.getKey()), Accounts.programCommitments(pool, change.getKey()),
          change.getValue());
      movedBetweenYears += Math.max(0, change.getValue());
    }
    entry.move(Accounts.grantAward(grantId), Accounts.programAwards(pool), totalChangeYen);
    // What the award changed by; when only years were re-planned (the total unchanged), what moved into years.
    return entry.amount(totalChangeYen != 0 ? Math.abs(totalChangeYen) : movedBetweenYears);
  }
}
