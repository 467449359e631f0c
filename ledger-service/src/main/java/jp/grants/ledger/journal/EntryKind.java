package jp.grants.ledger.journal;

/** Why money moved. */
public enum EntryKind {
  /** A pool's budget for a fiscal year entered from the program catalog. */
  BUDGET_APPROPRIATED,
  /** A pool's budget for a fiscal year set (raised or lowered) by an administrator. */
  BUDGET_SET,
  /** A grant was awarded: its allocations per fiscal year and its total award. */
  GRANT_AWARDED,
  /** A stage gate, a wind-down or an extension changed the grant's plan. */
  ALLOCATION_CHANGED,
  /** A terminated or closed grant gave back what it had not spent. */
  ALLOCATION_RELEASED,
  /** Money was paid out of the grant (direct costs, and the host institution's indirect costs). */
  DISBURSED,
  /**
   * Old pool rows moved to a fund (start-up migration: program_year rows of a fund pool, NEXUS into
   * ASPIRE).
   */
  FUND_MIGRATED,
  /** A grant-year's unspent allocation (and paid-but-unspent money) moved to the next year. */
  CARRIED_OVER,
  /** Money came back from a grant's year: the reverse of its payments (direct and indirect). */
  REFUNDED,
  /** The additional charge (加算金) on an ordered return, Subsidies Act Art. 19(2). */
  ADDITIONAL_CHARGE,
  /** The grant's final amount was determined (額の確定): what it keeps, direct and indirect. */
  GRANT_SETTLED
}
