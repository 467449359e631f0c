package jp.grants.review.review.domain;

import jp.grants.review.rule.ReviewRule;

/**
 * How many scorecards a decision needs: {@code quorumPercent} of the assigned reviewers, rounded
 * up, and never fewer than one. With WPI's 67%: 3 assigned need 3 (2.01 rounds up), 4 need 3, 6
 * need 5.
 */
public record Quorum(String programCode, int assigned, int scored, int quorumPercent) {

  public int required() {
    long ceil = ((long) assigned * quorumPercent + 99) / 100;
    return (int) Math.max(1, ceil);
  }

  public boolean met() {
    return scored >= required();
  }

  public void require() {
    if (!met()) {
      throw ReviewRule.REVIEW_QUORUM.violation(
          scored
              + " of "
              + assigned
              + " assigned reviewer(s) have scored; "
              + programCode
              + " needs "
              + required()
              + " ("
              + quorumPercent
              + "% of the assigned reviewers, at least one)");
    }
  }
}
