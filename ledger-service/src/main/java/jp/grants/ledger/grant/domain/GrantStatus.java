package jp.grants.ledger.grant.domain;

/** Where a grant stands as far as money is concerned. */
public enum GrantStatus {
  /** Money may be disbursed within its allocations. */
  ACTIVE,
  /** Ended early: nothing may be disbursed for fiscal years after its last one. */
  TERMINATED,
  /** Closed out: no more money moves. */
  CLOSED
}
