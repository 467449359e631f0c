package jp.grants.review.review.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.EvaluationAxis;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.RequirementShortfall;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.review.domain.Aggregate;
import jp.grants.review.review.domain.AxisScore;
import jp.grants.review.review.domain.ReviewStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A review whole: the grant under review, the program's axes, assignments, scorecards, quorum, the
 * aggregate in hundredths and the decision. For a reviewer, only their own scorecard, and no
 * aggregate until the review is decided, so that nobody scores with the others' scores in view.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewDetail(
    UUID id,
    ReviewKind kind,
    int fiscalYear,
    String targetPhase,
    ReviewStatus status,
    Instant openedAt,
    Grant grant,
    FollowUp followUp,
    List<FollowUp> followUpsBelowRequirements,
    List<EvaluationAxis> axes,
    List<Assignment> assignments,
    List<Scorecard> scorecards,
    QuorumView quorum,
    Aggregate aggregate,
    Decision decision,
    String withdrawnReason,
    List<RefusedDecision> refusedDecisions) {

  public record Grant(
      UUID grantId,
      String programCode,
      String title,
      String principalInvestigator,
      String piInstitution,
      String piCountry,
      List<String> hostInstitutions,
      @Schema(nullable = true, description = "The grant's phase; none before the award")
          String phase,
      String status) {}

  /**
   * The annual follow-up figures reviewers judge (that of the review's year, or the latest before).
   * {@code followUpsBelowRequirements}, for an interim or final evaluation, lists every follow-up
   * up to the evaluation's year that fell short of its phase's requirements (empty if none).
   *
   * @param shortfalls the requirements of the grant's phase the figures missed, as grant-service
   *     recorded them; empty when none; null when the follow-up was reported before the check
   */
  public record FollowUp(
      int fiscalYear,
      int principalInvestigators,
      int totalStaff,
      int researchers,
      int researchersFromAbroad,
      @Schema(nullable = true, description = "The follow-up's narrative; none when not given")
          String narrative,
      @Schema(
              nullable = true,
              description = "None for a follow-up reported before the check existed")
          List<RequirementShortfall> shortfalls) {}

  public record Assignment(
      UUID reviewerId,
      String name,
      String affiliation,
      String country,
      Instant assignedAt,
      boolean scored) {}

  public record Scorecard(UUID reviewerId, Instant submittedAt, List<AxisScore> scores) {}

  public record QuorumView(
      int assigned, int scored, int required, int quorumPercent, boolean met) {}

  /** A decision the grant refused (the review opened again), with the rule that refused it. */
  public record RefusedDecision(
      int round,
      Recommendation recommendation,
      @Schema(
              nullable = true,
              description = "The grade of an evaluation's decision; none for other decisions")
          String grade,
      String rationale,
      List<FiscalYearAmount> allocations,
      String decidedBy,
      Instant decidedAt,
      String refusedRule,
      String refusedReason,
      Instant refusedAt) {}

  public record Decision(
      Recommendation recommendation,
      @Schema(
              nullable = true,
              description = "The grade of an evaluation's decision; none for other decisions")
          String grade,
      String rationale,
      @Schema(nullable = true, description = "The mean score; none without scorecards")
          Integer meanScoreHundredths,
      List<FiscalYearAmount> allocations,
      String decidedBy,
      Instant decidedAt) {}
}
