package jp.grants.review.committee.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.grants.platform.security.Actor;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.persistence.CommitteeEntity;
import jp.grants.review.committee.persistence.CommitteeMemberEntity;
import jp.grants.review.program.Programs;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.rule.ReviewRule;

/**
 * Sets a program's committee. A committee that breaks its program's composition rule may be set
 * (committees are built up member by member); it only cannot decide, and its view says why. A
 * reviewer who no longer votes on it is taken off the program's open reviews ({@link
 * CommitteeSet}).
 */
@ApplicationScoped
public class CommitteeCommandHandler {

  @Inject Programs programs;
  @Inject Event<CommitteeSet> committeeSet;

  @Transactional
  public void handle(SetCommitteeCommand command, Actor actor) {
    programs.byPath(command.programCode());
    checkMembers(command.members());
    CommitteeEntity committee =
        CommitteeEntity.<CommitteeEntity>findByIdOptional(command.programCode())
            .orElseGet(CommitteeEntity::new);
    committee.programCode = command.programCode();
    committee.updatedAt = Instant.now();
    committee.updatedBy = actor.subject();
    committee.persist();
    CommitteeMemberEntity.delete("programCode", command.programCode());
    CommitteeMemberEntity.flush(); // old seats go before new ones take the one-chair index
    for (SetCommitteeCommand.Seat seat : command.members()) {
      CommitteeMemberEntity member = new CommitteeMemberEntity();
      member.id = UUID.randomUUID();
      member.programCode = command.programCode();
      member.reviewerId = seat.reviewerId();
      member.role = seat.role();
      member.persist();
    }
    Set<UUID> voting = new HashSet<>();
    for (SetCommitteeCommand.Seat seat : command.members()) {
      if (seat.role().voting()) {
        voting.add(seat.reviewerId());
      }
    }
    committeeSet.fire(new CommitteeSet(command.programCode(), voting));
  }

  private static void checkMembers(List<SetCommitteeCommand.Seat> members) {
    Set<UUID> seen = new HashSet<>();
    int chairs = 0;
    for (SetCommitteeCommand.Seat seat : members) {
      if (!seen.add(seat.reviewerId())) {
        throw ReviewRule.COMMITTEE_MEMBER_ONCE.violation(
            "reviewer " + seat.reviewerId() + " is named more than once");
      }
      if (ReviewerEntity.findById(seat.reviewerId()) == null) {
        throw ReviewRule.COMMITTEE_MEMBER_REGISTERED.violation(
            "no registered reviewer " + seat.reviewerId());
      }
      chairs += seat.role() == CommitteeRole.CHAIR ? 1 : 0;
    }
    if (chairs > 1) {
      throw ReviewRule.COMMITTEE_ONE_CHAIR.violation(
          "a committee has one chair; " + chairs + " named");
    }
  }
}
