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
  /**
   * Suspended (中断): nothing paid, requested or reported until it is resumed (to the status it had)
   * or terminated.
   */
  SUSPENDED,
  /** Ended early. Final. */
  TERMINATED,
  /** Completed and closed out. Final, but for World Premier Status (ACADEMY). */
  CLOSED,
  /**
   * A closed WPI center holding World Premier Status: a WPI Academy center (アカデミー拠点), in the
   * network without program money, reporting yearly; back to CLOSED if it loses the status.
   */
  ACADEMY;

  public boolean isRunning() {
    return this == ACTIVE || this == WINDING_DOWN;
  }
}
