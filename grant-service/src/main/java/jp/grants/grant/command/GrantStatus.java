package jp.grants.grant.command;

/** Where a grant is in its life. */
public enum GrantStatus {
  /** Submitted, waiting for screening. */
  PROPOSED,
  /** Screened eligible, in selection review. */
  SCREENED,
  /** Failed screening. Final. */
  REJECTED,
  /** Not selected. Final. */
  DECLINED,
  /** Awarded and running. */
  ACTIVE,
  /** Failed its stage gate: running out its last year(s). */
  WINDING_DOWN,
  /** Ended early. Final. */
  TERMINATED,
  /** Completed and closed out. Final. */
  CLOSED;

  public boolean isRunning() {
    return this == ACTIVE || this == WINDING_DOWN;
  }
}
