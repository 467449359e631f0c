package jp.grants.review.committee.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.domain.Composition;

/** A program's committee, its members and whether its composition lets it decide. */
public record CommitteeView(
    String programCode,
    String programName,
    Rule rule,
    List<Member> members,
    CompositionStatus composition,
    Instant updatedAt,
    String updatedBy) {

  /**
   * The committee against its program's composition rule; {@code problems} say why it cannot
   * decide.
   */
  public record CompositionStatus(
      int votingMembers,
      int votingMembersFromOutsideJapan,
      boolean hasChair,
      boolean compliant,
      List<String> problems) {
    public static CompositionStatus of(Composition composition) {
      return new CompositionStatus(
          composition.votingMembers(),
          composition.votingMembersFromOutsideJapan(),
          composition.hasChair(),
          composition.compliant(),
          composition.problems());
    }
  }

  /** The program's composition and quorum rule, from the catalog. */
  public record Rule(int minVotingMembers, int minForeignMemberPercent, int quorumPercent) {}

  public record Member(
      UUID reviewerId,
      String name,
      String affiliation,
      String country,
      CommitteeRole role,
      boolean voting) {}
}
