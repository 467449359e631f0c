package jp.grants.review.committee.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.domain.CommitteeSeat;
import jp.grants.review.committee.domain.Composition;
import jp.grants.review.committee.persistence.CommitteeEntity;
import jp.grants.review.committee.persistence.CommitteeMemberEntity;
import jp.grants.review.program.Programs;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/** Reads committees: members, seats and composition against the program's rule. */
@ApplicationScoped
public class CommitteeQueries {
  @Inject Programs programs;

  public CommitteeView view(String programCode) {
    Program program = programs.byPath(programCode);
    List<CommitteeView.Member> members = new ArrayList<>();
    for (CommitteeMemberEntity seat : CommitteeMemberEntity.ofProgram(programCode)) {
      ReviewerEntity reviewer = ReviewerEntity.findById(seat.reviewerId);
      members.add(
          new CommitteeView.Member(
              reviewer.id,
              reviewer.name,
              reviewer.affiliation,
              reviewer.country,
              seat.role,
              seat.role.voting()));
    }
    members.sort(
        Comparator.comparing(CommitteeView.Member::role).thenComparing(CommitteeView.Member::name));
    CommitteeEntity committee = CommitteeEntity.findById(programCode);
    var rule = program.committee();
    return new CommitteeView(
        programCode,
        program.name(),
        new CommitteeView.Rule(
            rule.minVotingMembers(), rule.minForeignMemberPercent(), rule.quorumPercent()),
        List.copyOf(members),
        CommitteeView.CompositionStatus.of(composition(program)),
        committee == null ? null : committee.updatedAt,
        committee == null ? null : committee.updatedBy);
  }

  public Composition composition(Program program) {
    return Composition.of(program.code(), program.committee(), seats(program.code()));
  }

  public List<CommitteeSeat> seats(String programCode) {
    return CommitteeMemberEntity.ofProgram(programCode).stream()
        .map(
            seat ->
                new CommitteeSeat(
                    seat.reviewerId,
                    ReviewerEntity.<ReviewerEntity>findById(seat.reviewerId).country,
                    seat.role))
        .toList();
  }

  public Optional<CommitteeRole> roleOf(String programCode, UUID reviewerId) {
    return CommitteeMemberEntity.seat(programCode, reviewerId).map(seat -> seat.role);
  }
}
