package jp.grants.review.review.query;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.conflict.query.ConflictFinder;
import jp.grants.review.grant.persistence.FollowUpReportEntity;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.program.Programs;
import jp.grants.review.review.domain.Aggregate;
import jp.grants.review.review.domain.AxisScore;
import jp.grants.review.review.domain.Quorum;
import jp.grants.review.review.domain.ReviewStatus;
import jp.grants.review.review.persistence.AssignmentEntity;
import jp.grants.review.review.persistence.RefusedDecisionEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.review.persistence.ScorecardEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/**
 * Reads reviews for a viewer: members of the review process find only theirs (see {@link Viewer}).
 */
@ApplicationScoped
public class ReviewQueries {
  @Inject Programs programs;
  @Inject ConflictFinder conflicts;

  public List<ReviewSummary> find(ReviewFilter filter, Viewer viewer) {
    List<String> where = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    if (filter.grantId() != null) {
      where.add("grantId = :grantId");
      parameters.put("grantId", filter.grantId());
    }
    if (filter.status() != null) {
      where.add("status = :status");
      parameters.put("status", filter.status());
    }
    if (filter.kind() != null) {
      where.add("kind = :kind");
      parameters.put("kind", filter.kind());
    }
    if (viewer.reviewerOnly()) {
      where.add("id in (select a.reviewId from AssignmentEntity a where a.reviewerId = :reviewer)");
      parameters.put("reviewer", viewer.reviewerId());
    }
    if (viewer.chairedPrograms() != null) {
      where.add(viewer.chairedPrograms().isEmpty() ? "1 = 0" : "programCode in :programs");
      if (!viewer.chairedPrograms().isEmpty()) {
        parameters.put("programs", viewer.chairedPrograms());
      }
    }
    String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    var matching =
        ReviewEntity.<ReviewEntity>find(query, Sort.descending("openedAt"), parameters)
            .page(Page.ofSize(filter.limit()));
    List<ReviewSummary> found = new ArrayList<>();
    // Conflicts are judged on normalized names, not in SQL: read page after page until the list is
    // full.
    for (List<ReviewEntity> page = matching.list();
        !page.isEmpty() && found.size() < filter.limit();
        page = matching.nextPage().list()) {
      page.stream()
          .filter(review -> unconflicted(review, viewer))
          .limit(filter.limit() - found.size())
          .map(ReviewQueries::summary)
          .forEach(found::add);
    }
    return found;
  }

  public ReviewDetail get(UUID reviewId, Viewer viewer) {
    ReviewEntity review =
        ReviewEntity.<ReviewEntity>findByIdOptional(reviewId)
            .filter(r -> visible(r, viewer))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no review "
                            + reviewId
                            + (viewer.reviewerOnly()
                                ? " assigned to you"
                                : viewer.isMember() ? " for your committee" : "")));
    Program program = programs.require(review.programCode);
    GrantViewEntity grant = GrantViewEntity.findById(review.grantId);
    List<AssignmentEntity> assignments = AssignmentEntity.ofReview(review.id);
    List<ScorecardEntity> scorecards = ScorecardEntity.ofReview(review.id);
    boolean whole = !viewer.reviewerOnly() || review.status == ReviewStatus.DECIDED;
    return new ReviewDetail(
        review.id,
        review.kind,
        review.fiscalYear,
        review.targetPhase,
        review.status,
        review.openedAt,
        grant(grant),
        followUp(review),
        followUpsBelowRequirements(review),
        program.evaluationAxes(),
        assignments(assignments, scorecards),
        scorecards(scorecards, viewer),
        quorum(program, assignments.size(), scorecards.size()),
        whole ? aggregate(program, scorecards) : null,
        decision(review),
        review.withdrawnReason,
        refused(review));
  }

  /** Whether the review exists for the viewer (see {@link Viewer}). */
  public boolean visible(ReviewEntity review, Viewer viewer) {
    if (viewer.reviewerOnly() && AssignmentEntity.of(review.id, viewer.reviewerId()).isEmpty()) {
      return false;
    }
    if (viewer.chairedPrograms() != null
        && !viewer.chairedPrograms().contains(review.programCode)) {
      return false;
    }
    return unconflicted(review, viewer);
  }

  private boolean unconflicted(ReviewEntity review, Viewer viewer) {
    if (!viewer.isMember()) {
      return true;
    }
    if (viewer.reviewerId() == null) {
      return false;
    }
    ReviewerEntity reader = ReviewerEntity.findById(viewer.reviewerId());
    GrantViewEntity grant = GrantViewEntity.findById(review.grantId);
    return reader != null && grant != null && conflicts.conflicts(reader, grant).isEmpty();
  }

  private static ReviewSummary summary(ReviewEntity review) {
    GrantViewEntity grant = GrantViewEntity.findById(review.grantId);
    return new ReviewSummary(
        review.id,
        review.grantId,
        grant == null ? null : grant.title,
        review.programCode,
        review.kind,
        review.fiscalYear,
        review.status,
        review.openedAt,
        review.recommendation,
        review.grade,
        review.decidedAt);
  }

  private static List<ReviewDetail.RefusedDecision> refused(ReviewEntity review) {
    if (review.round == 0) {
      return null;
    }
    return RefusedDecisionEntity.ofReview(review.id).stream()
        .map(
            d ->
                new ReviewDetail.RefusedDecision(
                    d.round,
                    d.recommendation,
                    d.grade,
                    d.rationale,
                    List.copyOf(d.allocations),
                    d.decidedBy,
                    d.decidedAt,
                    d.refusedRule,
                    d.refusedReason,
                    d.refusedAt))
        .toList();
  }

  private static ReviewDetail.Grant grant(GrantViewEntity grant) {
    return new ReviewDetail.Grant(
        grant.grantId,
        grant.programCode,
        grant.title,
        grant.piName,
        grant.piInstitution,
        grant.piCountry,
        List.copyOf(grant.hostInstitutions),
        grant.phase,
        grant.status.name());
  }

  private static ReviewDetail.FollowUp followUp(ReviewEntity review) {
    return FollowUpReportEntity.latest(review.grantId, review.fiscalYear)
        .map(ReviewQueries::followUp)
        .orElse(null);
  }

  /**
   * An evaluation judges the center's years: the follow-ups up to its year that fell short of the
   * requirements.
   */
  private static List<ReviewDetail.FollowUp> followUpsBelowRequirements(ReviewEntity review) {
    if (review.kind != ReviewKind.INTERIM_EVALUATION
        && review.kind != ReviewKind.FINAL_EVALUATION) {
      return null;
    }
    return FollowUpReportEntity.belowRequirements(review.grantId, review.fiscalYear).stream()
        .map(ReviewQueries::followUp)
        .toList();
  }

  private static ReviewDetail.FollowUp followUp(FollowUpReportEntity r) {
    return new ReviewDetail.FollowUp(
        r.fiscalYear,
        r.principalInvestigators,
        r.totalStaff,
        r.researchers,
        r.researchersFromAbroad,
        r.narrative,
        r.shortfalls == null ? null : List.copyOf(r.shortfalls));
  }

  private static List<ReviewDetail.Assignment> assignments(
      List<AssignmentEntity> assignments, List<ScorecardEntity> scorecards) {
    return assignments.stream()
        .map(
            a -> {
              ReviewerEntity reviewer = ReviewerEntity.findById(a.reviewerId);
              boolean scored =
                  scorecards.stream().anyMatch(card -> card.reviewerId.equals(a.reviewerId));
              return new ReviewDetail.Assignment(
                  reviewer.id,
                  reviewer.name,
                  reviewer.affiliation,
                  reviewer.country,
                  a.assignedAt,
                  scored);
            })
        .toList();
  }

  private static List<ReviewDetail.Scorecard> scorecards(
      List<ScorecardEntity> scorecards, Viewer viewer) {
    return scorecards.stream()
        .filter(card -> !viewer.reviewerOnly() || card.reviewerId.equals(viewer.reviewerId()))
        .map(
            card ->
                new ReviewDetail.Scorecard(card.reviewerId, card.submittedAt, card.axisScores()))
        .toList();
  }

  private static ReviewDetail.QuorumView quorum(Program program, int assigned, int scored) {
    Quorum quorum =
        new Quorum(program.code(), assigned, scored, program.committee().quorumPercent());
    return new ReviewDetail.QuorumView(
        assigned, scored, quorum.required(), quorum.quorumPercent(), quorum.met());
  }

  private Aggregate aggregate(Program program, List<ScorecardEntity> scorecards) {
    List<List<AxisScore>> cards = scorecards.stream().map(ScorecardEntity::axisScores).toList();
    return Aggregate.of(programs.axisCodes(program), cards);
  }

  private static ReviewDetail.Decision decision(ReviewEntity review) {
    if (review.status != ReviewStatus.DECIDED) {
      return null;
    }
    return new ReviewDetail.Decision(
        review.recommendation,
        review.grade,
        review.rationale,
        review.meanScoreHundredths,
        List.copyOf(review.allocations),
        review.decidedBy,
        review.decidedAt);
  }
}
