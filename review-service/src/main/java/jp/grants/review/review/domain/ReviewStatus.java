package jp.grants.review.review.domain;

/** Where a review stands. */
public enum ReviewStatus {
  /** Reviewers are assigned and score; the chair may decide. */
  OPEN,
  /** The committee decided; nothing changes any more. */
  DECIDED,
  /** The grant ended (terminated or closed) before the committee decided. */
  WITHDRAWN
}
