package jp.grants.review.review.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jp.grants.catalog.Decisions;
import jp.grants.catalog.Program;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.security.Actor;
import jp.grants.review.audit.DecisionChain;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.committee.domain.Composition;
import jp.grants.review.committee.query.CommitteeQueries;
import jp.grants.review.conflict.domain.Conflict;
import jp.grants.review.conflict.query.ConflictFinder;
import jp.grants.review.grant.persistence.FollowUpReportEntity;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.program.Programs;
import jp.grants.review.review.domain.Aggregate;
import jp.grants.review.review.domain.AxisScore;
import jp.grants.review.review.domain.DecisionRules;
import jp.grants.review.review.domain.Quorum;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.messaging.ReviewEventPublisher;
import jp.grants.review.review.persistence.AssignmentEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.review.persistence.ScorecardEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.rule.ReviewRule;

/**
 * The committee's decision: given once, by the chair of the program's committee, only when the
 * committee's composition keeps the program's rule and a quorum of the assigned reviewers scored.
 * The decision and its ReviewCompleted event are written in one transaction.
 */
@ApplicationScoped
public class DecisionHandler {

  @Inject Programs programs;
  @Inject CommitteeQueries committees;
  @Inject ConflictFinder conflicts;
  @Inject ReviewEventPublisher publisher;
  @Inject DecisionChain chain;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  @Transactional
  public ReviewEntity handle(DecideReviewCommand command, Actor actor, EventMetadata metadata) {
    ReviewEntity review = Reviews.lock(command.reviewId());
    if (review.status == ReviewStatus.DECIDED) {
      throw ReviewRule.REVIEW_ALREADY_DECIDED.violation(
          "review "
              + review.id
              + " was decided already ("
              + review.recommendation
              + " on "
              + review.decidedAt
              + "); a review decides once");
    }
    Reviews.requireOpen(review, "a review is decided");
    GrantViewEntity grant = Reviews.grantOf(review);
    // the rules grant-service will apply: those of the catalog version the grant is pinned to
    Program program = programs.ofGrant(review.programCode, grant.catalogVersion);
    checkDecision(program, review, grant, command);
    ReviewerEntity chair = requireChair(program, review, grant, actor);
    DecisionPanel panel = DecisionPanel.of(program, review, grant, conflicts);
    Composition composition = panel.composition();
    composition.requireCompliant();
    panel.requireEligibleScorers(review);
    Aggregate aggregate = aggregate(program, review, panel.scorecards());
    if (command.recommendation() == Recommendation.PASS) {
      // the check grant-service applies to the decision, from the catalog
      Decisions.checkStageGateReadiness(
          program,
          review.targetPhase,
          review.fiscalYear,
          FollowUpReportEntity.latest(review.grantId, review.fiscalYear)
              .map(FollowUpReportEntity::figures)
              .orElse(null));
    }
    record(review, command, aggregate, actor);
    String eventId = ReviewEventPublisher.eventId(ReviewCompleted.class, review.id, review.round);
    chain.append(
        eventId,
        DecisionRecords.decided(
            eventId, program, review, grant, chair, composition, panel, grant.catalogVersion),
        review.decidedAt,
        metadata);
    publisher.publish(completed(review), review.round, metadata);
    registry
        .counter(
            "review_decisions_total",
            "program",
            review.programCode,
            "kind",
            review.kind.name(),
            "recommendation",
            command.recommendation().name())
        .increment();
    return review;
  }

  private static void checkDecision(
      Program program, ReviewEntity review, GrantViewEntity grant, DecideReviewCommand command) {
    DecisionRules.checkFits(review.kind, command.recommendation());
    DecisionRules.checkGrade(review.kind, command.grade());
    DecisionRules.checkAllocations(
        program,
        review.kind,
        command.recommendation(),
        grant.term(),
        review.fiscalYear,
        review.targetPhase,
        command.allocations(),
        grant.plannedFigures);
  }

  /**
   * Only the chair of this program's committee decides, and not on a grant they are conflicted
   * with.
   */
  private ReviewerEntity requireChair(
      Program program, ReviewEntity review, GrantViewEntity grant, Actor actor) {
    ReviewerEntity chair =
        ReviewerEntity.findBySubject(actor.subject())
            .filter(
                reviewer ->
                    committees.roleOf(program.code(), reviewer.id).orElse(null)
                        == CommitteeRole.CHAIR)
            .orElseThrow(
                () ->
                    new ForbiddenException(
                        "only the chair of the "
                            + program.code()
                            + " committee decides its reviews"));
    List<Conflict> found = conflicts.conflicts(chair, grant);
    if (!found.isEmpty()) {
      throw ReviewRule.REVIEWER_CONFLICT.violation(
          "the chair "
              + chair.name
              + " cannot decide on grant "
              + review.grantId
              + ": "
              + ConflictFinder.describe(found));
    }
    return chair;
  }

  /** The quorum is checked over the scorecards of the reviewers assigned now. */
  private Aggregate aggregate(
      Program program, ReviewEntity review, List<ScorecardEntity> scorecards) {
    int assigned = (int) AssignmentEntity.count("reviewId", review.id);
    new Quorum(program.code(), assigned, scorecards.size(), program.committee().quorumPercent())
        .require();
    List<List<AxisScore>> cards = new ArrayList<>();
    scorecards.forEach(card -> cards.add(card.axisScores()));
    return Aggregate.of(programs.axisCodes(program), cards);
  }

  private static void record(
      ReviewEntity review, DecideReviewCommand command, Aggregate aggregate, Actor actor) {
    review.status = ReviewStatus.DECIDED;
    review.recommendation = command.recommendation();
    review.grade = command.grade();
    review.rationale = command.rationale().trim();
    review.meanScoreHundredths = aggregate.overallMeanHundredths();
    review.allocations = new ArrayList<>(command.allocations());
    review.decidedBy = actor.subject();
    // as PostgreSQL keeps it: the chained record and the review row state the same instant
    review.decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static ReviewCompleted completed(ReviewEntity review) {
    return new ReviewCompleted(
        review.id,
        review.grantId,
        review.programCode,
        review.kind,
        review.fiscalYear,
        review.recommendation,
        review.grade,
        review.meanScoreHundredths,
        review.rationale,
        review.programCode,
        List.copyOf(review.allocations));
  }
}
