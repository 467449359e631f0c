package jp.grants.review.grant.persistence;

/** Where a grant stands, as far as reviews care. */
public enum GrantStatus {
  SUBMITTED,
  SCREENED,
  REJECTED,
  AWARDED,
  DECLINED,
  TERMINATED,
  CLOSED;

  /** A grant that has ended takes no more decisions. */
  public boolean ended() {
    return this == REJECTED || this == DECLINED || this == TERMINATED || this == CLOSED;
  }
}
