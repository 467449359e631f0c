package jp.grants.review.committee.domain;

import java.util.ArrayList;
import java.util.List;
import jp.grants.catalog.Committee;
import jp.grants.review.rule.ReviewRule;

/**
 * A committee measured against its program's composition rule (WPI: "half of whom are researchers
 * from outside Japan", at least four voting members). Shares are compared in exact integer
 * arithmetic: {@code foreign * 100 >= voting * minPercent}, so 4 of 8 meets 50% and 3 of 8 does
 * not.
 *
 * @param problems what breaks the rule, in figures; empty when the committee may decide
 */
public record Composition(
    String programCode,
    int votingMembers,
    int votingMembersFromOutsideJapan,
    int minVotingMembers,
    int minForeignMemberPercent,
    boolean hasChair,
    List<String> problems) {

  public static Composition of(String programCode, Committee rule, List<CommitteeSeat> seats) {
    int voting = 0;
    int foreign = 0;
    boolean chair = false;
    for (CommitteeSeat seat : seats) {
      if (seat.role().voting()) {
        voting++;
        foreign += seat.fromOutsideJapan() ? 1 : 0;
      }
      chair |= seat.role() == CommitteeRole.CHAIR;
    }
    List<String> problems = new ArrayList<>();
    if (voting < rule.minVotingMembers()) {
      problems.add(
          voting
              + " voting member(s); "
              + programCode
              + " needs at least "
              + rule.minVotingMembers());
    }
    if ((long) foreign * 100 < (long) voting * rule.minForeignMemberPercent()) {
      problems.add(
          foreign
              + " of "
              + voting
              + " voting members are from outside Japan; "
              + programCode
              + " needs at least "
              + rule.minForeignMemberPercent()
              + "%");
    }
    if (!chair) {
      problems.add("the committee has no chair to decide");
    }
    return new Composition(
        programCode,
        voting,
        foreign,
        rule.minVotingMembers(),
        rule.minForeignMemberPercent(),
        chair,
        List.copyOf(problems));
  }

  public boolean compliant() {
    return problems.isEmpty();
  }

  /** Refuses a decision by a committee that breaks its program's rule, saying why. */
  public void requireCompliant() {
    if (!compliant()) {
      throw ReviewRule.COMMITTEE_COMPOSITION.violation(
          "the " + programCode + " committee cannot decide: " + String.join("; ", problems));
    }
  }
}
