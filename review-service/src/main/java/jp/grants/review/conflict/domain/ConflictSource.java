package jp.grants.review.conflict.domain;

/** Whether the reviewer declared a conflict or the service found it in the registry's data. */
public enum ConflictSource {
  DECLARED,
  DETECTED
}
