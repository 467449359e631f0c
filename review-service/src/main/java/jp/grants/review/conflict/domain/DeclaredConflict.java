package jp.grants.review.conflict.domain;

/** A conflict a reviewer declared: an institution, a person, or a grant id. */
public record DeclaredConflict(ConflictKind kind, String value) {}
