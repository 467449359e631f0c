package jp.grants.review.review.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.contracts.review.CommitteeDecisionRecorded;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Member;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.domain.CommitteeSeat;
import jp.grants.review.committee.domain.Composition;
import jp.grants.review.committee.persistence.CommitteeEntity;
import jp.grants.review.committee.persistence.CommitteeMemberEntity;
import jp.grants.review.conflict.domain.Conflict;
import jp.grants.review.conflict.query.ConflictFinder;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.review.persistence.AssignmentEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.review.persistence.ScorecardEntity;
import jp.grants.review.reviewer.persistence.DeclaredConflictEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.rule.ReviewRule;

/**
 * The committee and the scorers of one decision, read once in the decision's transaction (a few
 * queries, none per member): what the composition rule measures, whose scorecards may count, and
 * what the decision chain records of them.
 */
final class DecisionPanel {
  private final Program program;
  private final GrantViewEntity grant;
  private final List<CommitteeMemberEntity> seats;
  private final List<ScorecardEntity> scorecards;
  private final Map<UUID, ReviewerEntity> reviewers;
  private final Map<UUID, List<DeclaredConflictEntity>> declared;
  private final Map<UUID, List<Conflict>> conflicts;

  private DecisionPanel(
      Program program,
      GrantViewEntity grant,
      List<CommitteeMemberEntity> seats,
      List<ScorecardEntity> scorecards,
      ConflictFinder finder) {
    this.program = program;
    this.grant = grant;
    this.seats = seats;
    this.scorecards = scorecards;
    Set<UUID> ids = new LinkedHashSet<>();
    seats.forEach(seat -> ids.add(seat.reviewerId));
    scorecards.forEach(card -> ids.add(card.reviewerId));
    this.reviewers = ReviewerEntity.byIds(ids);
    this.declared = ConflictFinder.declared(reviewers.values());
    this.conflicts = finder.conflicts(reviewers.values(), grant);
  }

  static DecisionPanel of(
      Program program, ReviewEntity review, GrantViewEntity grant, ConflictFinder finder) {
    return new DecisionPanel(
        program,
        grant,
        CommitteeMemberEntity.ofProgram(program.code()),
        ScorecardEntity.ofReview(review.id),
        finder);
  }

  List<ScorecardEntity> scorecards() {
    return scorecards;
  }

  Composition composition() {
    return Composition.of(
        program.code(),
        program.committee(),
        seats.stream()
            .map(
                seat ->
                    new CommitteeSeat(
                        seat.reviewerId, reviewers.get(seat.reviewerId).country, seat.role))
            .toList());
  }

  /**
   * A scorecard counts only while its reviewer may score the grant: as a voting member of the
   * committee and without a conflict of interest with the grant, checked now and not only when they
   * were assigned and scored (the grant's principal investigator or hosts may have changed since,
   * or the committee). A decision resting on another is refused, naming the reviewers, as the
   * chair's own conflict is.
   */
  void requireEligibleScorers(ReviewEntity review) {
    List<String> conflicted = new ArrayList<>();
    List<String> offCommittee = new ArrayList<>();
    for (ScorecardEntity card : scorecards) {
      ReviewerEntity reviewer = reviewers.get(card.reviewerId);
      List<Conflict> found = conflicts.getOrDefault(card.reviewerId, List.of());
      if (!found.isEmpty()) {
        conflicted.add(reviewer.name + " (" + ConflictFinder.describe(found) + ")");
      }
      CommitteeRole role = roleOf(card.reviewerId);
      if (role == null || !role.voting()) {
        offCommittee.add(
            reviewer.name + (role == null ? " (not on the committee)" : " (role " + role + ")"));
      }
    }
    if (!conflicted.isEmpty()) {
      throw ReviewRule.REVIEWER_CONFLICT.violation(
          "the scorecard(s) of "
              + String.join("; ", conflicted)
              + " cannot count on grant "
              + review.grantId
              + ": a conflict declared for the reviewer takes them off the review with their scorecard");
    }
    if (!offCommittee.isEmpty()) {
      throw ReviewRule.REVIEWER_NOT_ON_COMMITTEE.violation(
          "the scorecard(s) of "
              + String.join("; ", offCommittee)
              + " cannot count: they are not voting members of the "
              + program.code()
              + " committee now");
    }
  }

  private CommitteeRole roleOf(UUID reviewerId) {
    return seats.stream()
        .filter(seat -> seat.reviewerId.equals(reviewerId))
        .map(seat -> seat.role)
        .findFirst()
        .orElse(null);
  }

  CommitteeDecisionRecorded.Committee committee() {
    CommitteeEntity committee = CommitteeEntity.findById(program.code());
    List<Member> members = new ArrayList<>();
    for (CommitteeMemberEntity seat : seats) {
      members.add(member(reviewers.get(seat.reviewerId), seat.role));
    }
    members.sort(Comparator.comparing(Member::role).thenComparing(Member::reviewerId));
    return new CommitteeDecisionRecorded.Committee(
        program.code(),
        committee == null ? 0 : committee.version,
        committee == null ? null : committee.updatedAt,
        committee == null ? null : committee.updatedBy,
        List.copyOf(members));
  }

  private Member member(ReviewerEntity reviewer, CommitteeRole role) {
    return new Member(
        reviewer.id,
        reviewer.name,
        reviewer.affiliation,
        reviewer.country,
        role.name(),
        role.voting(),
        declared.getOrDefault(reviewer.id, List.of()).stream()
            .map(
                c ->
                    new CommitteeDecisionRecorded.DeclaredConflict(
                        c.kind.name(), c.value, c.reason))
            .toList(),
        conflicts.getOrDefault(reviewer.id, List.of()).stream()
            .map(
                c ->
                    new CommitteeDecisionRecorded.FoundConflict(
                        c.kind().name(), c.source().name(), c.value(), c.reason()))
            .toList());
  }

  CommitteeDecisionRecorded.Parties parties() {
    return new CommitteeDecisionRecorded.Parties(
        grant.piName, grant.piInstitution, List.copyOf(grant.hostInstitutions));
  }

  static List<CommitteeDecisionRecorded.Assignment> assigned(ReviewEntity review) {
    return AssignmentEntity.ofReview(review.id).stream()
        .map(
            a -> new CommitteeDecisionRecorded.Assignment(a.reviewerId, a.assignedAt, a.assignedBy))
        .toList();
  }

  List<CommitteeDecisionRecorded.Scorecard> scorecardRecords() {
    return scorecards.stream()
        .map(
            card ->
                new CommitteeDecisionRecorded.Scorecard(
                    card.id,
                    card.reviewerId,
                    card.submittedAt,
                    String.valueOf(roleOf(card.reviewerId)),
                    card.scores.stream()
                        .map(
                            s ->
                                new CommitteeDecisionRecorded.Score(s.axisCode, s.score, s.comment))
                        .toList()))
        .toList();
  }
}
