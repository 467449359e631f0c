package jp.grants.ledger.budget.domain;

/** Where a pool's budget for a fiscal year comes from. */
public enum BudgetSource {
  /** The program catalog's figure (or the latest before that year, carried forward). */
  CATALOG,
  /** Set by an administrator. */
  OVERRIDE
}
