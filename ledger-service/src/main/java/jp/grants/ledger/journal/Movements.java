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
  public static JournalEntry disbursement(
      UUID grantId, String pool, int fiscalYear, long amountYen, String memo) {
    if (amountYen <= 0) {
      throw new IllegalArgumentException("a disbursement moves a positive amount: " + amountYen);
    }
    return JournalEntry.builder(EntryKind.DISBURSED, memo)
        .move(Accounts.grantDisbursed(grantId), Accounts.programBudget(pool, fiscalYear), amountYen)
        .move(
            Accounts.programCommitments(pool, fiscalYear),
            Accounts.grantAllocation(grantId, fiscalYear),
            amountYen)
        .move(Accounts.programAwards(pool), Accounts.grantAward(grantId), amountYen)
        .build();
  }

  /**
   * A disbursement with its indirect costs: the grant's caps take the direct amount, the pool (a
   * year's budget or a fund) takes the direct amount and the indirect costs, which go to the host
   * institution's account of the grant.
   */
  public static JournalEntry disbursement(
      UUID grantId,
      String pool,
      boolean fund,
      int fiscalYear,
      long amountYen,
      long indirectYen,
      String memo) {
    if (amountYen <= 0 || indirectYen < 0) {
      throw new IllegalArgumentException(
          "a disbursement moves a positive amount: " + amountYen + "/" + indirectYen);
    }
    String budget = Accounts.poolBudget(pool, fund, fiscalYear);
    return JournalEntry.builder(EntryKind.DISBURSED, memo)
        .move(Accounts.grantDisbursed(grantId), budget, amountYen)
        .move(
            Accounts.programCommitments(pool, fiscalYear),
            Accounts.grantAllocation(grantId, fiscalYear),
            amountYen)
        .move(Accounts.programAwards(pool), Accounts.grantAward(grantId), amountYen)
        .move(Accounts.grantIndirect(grantId), budget, indirectYen)
        .amount(amountYen)
        .build();
  }

  /**
   * A refund: the reverse of the payments it returns (direct r at every level, indirect ir to the
   * pool).
   */
  public static JournalEntry refund(
      UUID grantId,
      String pool,
      boolean fund,
      int fiscalYear,
      long amountYen,
      long indirectYen,
      String memo) {
    String budget = Accounts.poolBudget(pool, fund, fiscalYear);
    return JournalEntry.builder(EntryKind.REFUNDED, memo)
        .move(budget, Accounts.grantDisbursed(grantId), amountYen)
        .move(
            Accounts.grantAllocation(grantId, fiscalYear),
            Accounts.programCommitments(pool, fiscalYear),
            amountYen)
        .move(Accounts.grantAward(grantId), Accounts.programAwards(pool), amountYen)
        .move(budget, Accounts.grantIndirect(grantId), indirectYen)
        .amount(amountYen)
        .build();
  }

  /** The additional charge on an ordered return: owed by the recipient to the pool's funder. */
  public static JournalEntry additionalCharge(
      UUID grantId, String pool, long chargeYen, String memo) {
    return JournalEntry.builder(EntryKind.ADDITIONAL_CHARGE, memo)
        .move(
            Accounts.grantAdditionalCharges(grantId),
            Accounts.poolAdditionalCharges(pool),
            chargeYen)
        .build();
  }

  /**
   * A carry-over of x from year Y to Y+1, of which m was paid money: the unpaid part u = x - m
   * moves between the grant's allocation accounts (and the pool's commitments); a yearly pool's
   * budget moves x between the years' appropriations and u between the years' budget accounts; the
   * paid part moves between the years' paid-carried accounts. A fund moves nothing.
   */
  public static JournalEntry carryOver(
      UUID grantId,
      String pool,
      boolean fund,
      int fromYear,
      long amountYen,
      long paidMovedYen,
      String memo) {
    int toYear = fromYear + 1;
    long unpaid = amountYen - paidMovedYen;
    JournalEntry.Builder entry =
        JournalEntry.builder(EntryKind.CARRIED_OVER, memo)
            .move(
                Accounts.grantAllocation(grantId, toYear),
                Accounts.grantAllocation(grantId, fromYear),
                unpaid)
            .move(
                Accounts.programCommitments(pool, fromYear),
                Accounts.programCommitments(pool, toYear),
                unpaid)
            .move(
                Accounts.grantPaidCarried(grantId, toYear),
                Accounts.grantPaidCarried(grantId, fromYear),
                paidMovedYen);
    if (!fund) {
      entry
          .move(
              Accounts.appropriation(pool, fromYear),
              Accounts.appropriation(pool, toYear),
              amountYen)
          .move(
              Accounts.programBudget(pool, toYear), Accounts.programBudget(pool, fromYear), unpaid);
    }
    return entry.amount(amountYen).build();
  }

  /** A fund's total raised (positive change) or lowered (negative). */
  public static JournalEntry fund(EntryKind kind, String pool, long changeYen, String memo) {
    return JournalEntry.builder(kind, memo)
        .move(Accounts.fundBudget(pool), Accounts.fundAppropriation(pool), changeYen)
        .build();
  }

  /** A pool's budget for a year raised (positive change) or lowered (negative). */
  public static JournalEntry budget(
      EntryKind kind, String pool, int fiscalYear, long changeYen, String memo) {
    return JournalEntry.builder(kind, memo)
        .move(
            Accounts.programBudget(pool, fiscalYear),
            Accounts.appropriation(pool, fiscalYear),
            changeYen)
        .build();
  }

  /**
   * Changes of a grant's allocations per fiscal year and of its total award; empty when nothing
   * changed.
   */
  public static JournalEntry.Builder allocations(
      EntryKind kind,
      UUID grantId,
      String pool,
      Map<Integer, Long> changesByYear,
      long totalChangeYen,
      String memo) {
    JournalEntry.Builder entry = JournalEntry.builder(kind, memo);
    long movedBetweenYears = 0;
    for (Map.Entry<Integer, Long> change : changesByYear.entrySet()) {
      entry.move(
          Accounts.grantAllocation(grantId, change.getKey()),
          Accounts.programCommitments(pool, change.getKey()),
          change.getValue());
      movedBetweenYears += Math.max(0, change.getValue());
    }
    entry.move(Accounts.grantAward(grantId), Accounts.programAwards(pool), totalChangeYen);
    // What the award changed by; when only years were re-planned (the total unchanged), what moved
    // into years.
    return entry.amount(totalChangeYen != 0 ? Math.abs(totalChangeYen) : movedBetweenYears);
  }
}
