package jp.grants.review.review.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.platform.security.Actor;
import jp.grants.review.committee.command.CommitteeSet;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.query.CommitteeQueries;
import jp.grants.review.conflict.domain.Conflict;
import jp.grants.review.conflict.query.ConflictFinder;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.persistence.AssignmentEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.review.persistence.ScorecardEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.rule.ReviewRule;
import org.jboss.logging.Logger;

/**
 * Assigns reviewers to reviews: only voting members of the program's committee, and never one with
 * a conflict of interest with the grant, declared or detected. Every refusal states why.
 */
@ApplicationScoped
public class AssignmentHandler {
  private static final Logger LOG = Logger.getLogger(AssignmentHandler.class);

  @Inject CommitteeQueries committees;
  @Inject ConflictFinder conflicts;

  @Transactional
  public AssignmentEntity handle(AssignReviewerCommand command, Actor actor) {
    ReviewEntity review = Reviews.lock(command.reviewId());
    Reviews.requireOpen(review, "reviewers are assigned");
    ReviewerEntity reviewer =
        ReviewerEntity.<ReviewerEntity>findByIdOptional(command.reviewerId())
            .orElseThrow(
                () ->
                    ReviewRule.REVIEWER_REGISTERED.violation(
                        "no registered reviewer " + command.reviewerId()));
    CommitteeRole role = committees.roleOf(review.programCode, reviewer.id).orElse(null);
    if (role == null || !role.voting()) {
      throw ReviewRule.REVIEWER_NOT_ON_COMMITTEE.violation(
          reviewer.name
              + " is not a voting member of the "
              + review.programCode
              + " committee"
              + (role == null ? "" : " (role " + role + ")"));
    }
    List<Conflict> found = conflicts.conflicts(reviewer, Reviews.grantOf(review));
    if (!found.isEmpty()) {
      throw ReviewRule.REVIEWER_CONFLICT.violation(
          reviewer.name
              + " cannot review grant "
              + review.grantId
              + ": "
              + ConflictFinder.describe(found));
    }
    if (AssignmentEntity.of(review.id, reviewer.id).isPresent()) {
      throw ReviewRule.REVIEWER_ALREADY_ASSIGNED.violation(
          reviewer.name + " is assigned to review " + review.id + " already");
    }
    AssignmentEntity assignment = new AssignmentEntity();
    assignment.id = UUID.randomUUID();
    assignment.reviewId = review.id;
    assignment.reviewerId = reviewer.id;
    assignment.assignedAt = Instant.now();
    assignment.assignedBy = actor.subject();
    assignment.persist();
    return assignment;
  }

  /**
   * Takes a reviewer off each open review whose grant they are now conflicted with, discarding
   * their scorecard there. Decided reviews stay as they were decided.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<RemovedAssignment> removeConflicted(ReviewerEntity reviewer) {
    List<RemovedAssignment> removed = new ArrayList<>();
    for (AssignmentEntity assignment : AssignmentEntity.ofReviewer(reviewer.id)) {
      ReviewEntity review = Reviews.lock(assignment.reviewId);
      if (review.status != ReviewStatus.OPEN) {
        continue;
      }
      GrantViewEntity grant = Reviews.grantOf(review);
      List<Conflict> found = conflicts.conflicts(reviewer, grant);
      if (found.isEmpty()) {
        continue;
      }
      var scorecard = ScorecardEntity.of(review.id, reviewer.id);
      scorecard.ifPresent(ScorecardEntity::delete);
      assignment.delete();
      removed.add(
          new RemovedAssignment(
              review.id,
              review.grantId,
              review.kind.name(),
              scorecard.isPresent(),
              ConflictFinder.describe(found)));
    }
    return removed;
  }

  /**
   * Takes reviewers who no longer vote on the program's committee off its open reviews, discarding
   * their scorecards there, as a declared conflict does: what they scored could not count at the
   * decision (REVIEWER-NOT-ON-COMMITTEE), so the review is not left waiting on them. Decided
   * reviews stay as they were decided.
   */
  void withdrawDeparted(@Observes CommitteeSet committee) {
    for (ReviewEntity review : ReviewEntity.lockOpenOfProgram(committee.programCode())) {
      for (AssignmentEntity assignment : AssignmentEntity.ofReview(review.id)) {
        if (committee.votingMembers().contains(assignment.reviewerId)) {
          continue;
        }
        var scorecard = ScorecardEntity.of(review.id, assignment.reviewerId);
        scorecard.ifPresent(ScorecardEntity::delete);
        assignment.delete();
        LOG.infof(
            "reviewer %s no longer votes on the %s committee: taken off review %s%s",
            assignment.reviewerId,
            committee.programCode(),
            review.id,
            scorecard.isPresent() ? ", scorecard discarded" : "");
      }
    }
  }
}
