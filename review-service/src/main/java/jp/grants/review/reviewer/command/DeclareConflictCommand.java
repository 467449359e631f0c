package jp.grants.review.reviewer.command;

import java.util.UUID;
import jp.grants.review.conflict.domain.ConflictKind;

/** Record that a reviewer has a conflict of interest with an institution, a person or a grant. */
public record DeclareConflictCommand(
    UUID reviewerId, ConflictKind kind, String value, String reason) {}
