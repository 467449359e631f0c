package jp.grants.review.conflict.domain;

/**
 * A conflict of interest between a reviewer and a grant.
 *
 * @param value the institution, person or grant id the conflict is about
 * @param reason in words, for the refusal that states it
 */
public record Conflict(ConflictKind kind, ConflictSource source, String value, String reason) {}
