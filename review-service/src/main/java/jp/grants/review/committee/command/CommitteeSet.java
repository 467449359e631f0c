package jp.grants.review.committee.command;

import java.util.Set;
import java.util.UUID;

/**
 * A program's committee was set: the reviewers who vote on it from now on. Fired inside the
 * setting's transaction, so that what depends on the seats (the open reviews' assignments) changes
 * with them or not at all.
 */
public record CommitteeSet(String programCode, Set<UUID> votingMembers) {}
