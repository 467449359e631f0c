package jp.grants.ledger.grant.domain;

/** Where a grant stands as far as money is concerned. */
public enum GrantStatus {
  /** Money may be disbursed within its allocations. */
  ACTIVE,
  /** Suspended by grant-service (中断): nothing is paid until it resumes; refunds still come in. */
  SUSPENDED,
  /** Ended early: nothing may be disbursed for fiscal years after its last one. */
  TERMINATED,
  /** Closed out: no more money moves. */
  CLOSED
}
