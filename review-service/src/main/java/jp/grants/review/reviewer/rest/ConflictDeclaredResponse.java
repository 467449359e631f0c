package jp.grants.review.reviewer.rest;

import java.util.List;
import jp.grants.review.review.command.RemovedAssignment;
import jp.grants.review.reviewer.query.ConflictView;

/**
 * A declared conflict and its consequences.
 *
 * @param removedAssignments open reviews the reviewer was taken off because of it (with their
 *     scores)
 * @param message the same in words
 */
public record ConflictDeclaredResponse(
    ConflictView conflict, List<RemovedAssignment> removedAssignments, String message) {}
