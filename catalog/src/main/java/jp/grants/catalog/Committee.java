package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The composition rule of a program's committee.
 *
 * @param minForeignMemberPercent share of voting members from outside Japan, in whole percent (WPI:
 *     50, "half of whom are researchers from outside Japan")
 * @param minVotingMembers the fewest voting members that make a committee
 * @param quorumPercent share of assigned reviewers whose scores a decision needs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Committee(int minForeignMemberPercent, int minVotingMembers, int quorumPercent) {}
