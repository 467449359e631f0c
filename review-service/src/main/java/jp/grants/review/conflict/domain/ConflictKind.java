package jp.grants.review.conflict.domain;

/** What a reviewer is conflicted with. */
public enum ConflictKind {
  /** An institution: a host institution or the principal investigator's. */
  INSTITUTION,
  /** A person: the principal investigator. */
  PERSON,
  /** One grant, named by its id. */
  GRANT
}
