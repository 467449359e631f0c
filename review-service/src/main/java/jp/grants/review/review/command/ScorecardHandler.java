package jp.grants.review.review.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.platform.security.Actor;
import jp.grants.review.conflict.query.ConflictFinder;
import jp.grants.review.program.Programs;
import jp.grants.review.review.domain.ScorecardRule;
import jp.grants.review.review.persistence.AssignmentEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.review.persistence.ScoreEntry;
import jp.grants.review.review.persistence.ScorecardEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/**
 * Takes a reviewer's scorecard for a review they are assigned to. A reviewer may replace their
 * scorecard while the review is open; the last one counts.
 */
@ApplicationScoped
public class ScorecardHandler {
  @Inject Programs programs;
  @Inject ConflictFinder conflicts;

  @Transactional
  public ScorecardEntity handle(SubmitScorecardCommand command, Actor actor) {
    // To anyone not assigned, the review does not exist: reviewers see only their own reviews.
    NotFoundException notYours =
        new NotFoundException("no review " + command.reviewId() + " assigned to you");
    ReviewerEntity reviewer =
        ReviewerEntity.findBySubject(actor.subject()).orElseThrow(() -> notYours);
    ReviewEntity review = ReviewEntity.lock(command.reviewId()).orElseThrow(() -> notYours);
    AssignmentEntity assignment =
        AssignmentEntity.of(review.id, reviewer.id).orElseThrow(() -> notYours);
    // A declared conflict takes the reviewer off open reviews; this also covers one detected since.
    if (!conflicts.conflicts(reviewer, Reviews.grantOf(review)).isEmpty()) {
      throw notYours;
    }
    Reviews.requireOpen(review, "scorecards are taken");
    Program program = programs.require(review.programCode);
    ScorecardRule.check(program.code(), programs.axisCodes(program), command.scores());
    ScorecardEntity scorecard =
        ScorecardEntity.of(review.id, reviewer.id)
            .orElseGet(
                () -> {
                  ScorecardEntity created = new ScorecardEntity();
                  created.id = UUID.randomUUID();
                  created.assignmentId = assignment.id;
                  created.reviewId = review.id;
                  created.reviewerId = reviewer.id;
                  return created;
                });
    scorecard.submittedAt = Instant.now();
    scorecard.scores.clear();
    command.scores().forEach(score -> scorecard.scores.add(new ScoreEntry(score)));
    scorecard.persist();
    return scorecard;
  }
}
