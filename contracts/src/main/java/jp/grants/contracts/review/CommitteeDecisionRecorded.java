package jp.grants.contracts.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * A committee decided a review: the decision, and at that instant the program's composition rule,
 * the committee with every member's country and conflicts, the grant's parties the conflicts were
 * checked against, the assigned reviewers and the scorecards that counted. Enough for an auditor to
 * check, from the record alone, that the committee was composed by the rule and that no conflicted
 * reviewer scored.
 */
@SchemaVersion(1)
public record CommitteeDecisionRecorded(
    Review review,
    Decision decision,
    Rule rule,
    Committee committee,
    Composition composition,
    Parties parties,
    List<Assignment> assigned,
    List<Scorecard> scorecards)
    implements CommitteeDecisionRecord {

  @Override
  public UUID reviewId() {
    return review.reviewId();
  }

  @Override
  public UUID grantId() {
    return review.grantId();
  }

  @Override
  public String decisionEventId() {
    return review.decisionEventId();
  }

  /**
   * @param round how many of the review's decisions the grant had refused before this one
   * @param catalogVersion the catalog version the grant is pinned to (null: the baseline)
   */
  public record Review(
      UUID reviewId,
      UUID grantId,
      String programCode,
      ReviewKind kind,
      int fiscalYear,
      @Nullable String targetPhase,
      int round,
      String decisionEventId,
      @Nullable String catalogVersion) {}

  /**
   * @param chair the registry id of the chair who decided; {@code decidedBy} is their login
   */
  public record Decision(
      Recommendation recommendation,
      @Nullable String grade,
      String rationale,
      int meanScoreHundredths,
      List<FiscalYearAmount> allocations,
      String decidedBy,
      UUID chair,
      Instant decidedAt) {}

  /** The program's composition rule (catalog {@code committee}) the decision was checked by. */
  public record Rule(int minVotingMembers, int minForeignMemberPercent, int quorumPercent) {}

  /**
   * @param version the committee row's version (raised each time the committee is set)
   */
  public record Committee(
      String programCode,
      long version,
      @Nullable Instant updatedAt,
      @Nullable String updatedBy,
      List<Member> members) {}

  /**
   * @param role CHAIR, MEMBER, PROGRAM_DIRECTOR or PROGRAM_OFFICER
   * @param country ISO 3166-1 alpha-2
   * @param declaredConflicts every conflict the member had declared, whatever grant it touches
   * @param conflictsWithGrant the conflicts found with this grant (declared or detected): empty for
   *     every member who scored and for the chair, or the decision would have been refused
   */
  public record Member(
      UUID reviewerId,
      String name,
      String affiliation,
      String country,
      String role,
      boolean voting,
      List<DeclaredConflict> declaredConflicts,
      List<FoundConflict> conflictsWithGrant) {}

  public record DeclaredConflict(String kind, String value, @Nullable String reason) {}

  /**
   * @param source DECLARED or DETECTED
   */
  public record FoundConflict(String kind, String source, String value, String reason) {}

  /** The composition figures, as the rule measured them. */
  public record Composition(
      int votingMembers, int votingMembersFromOutsideJapan, boolean hasChair) {}

  /** Who stands behind the grant, as the conflicts were checked against them. */
  public record Parties(
      @Nullable String principalInvestigator,
      @Nullable String piInstitution,
      List<String> hostInstitutions) {}

  public record Assignment(UUID reviewerId, Instant assignedAt, String assignedBy) {}

  /**
   * @param role the reviewer's seat on the committee when the decision was taken
   */
  public record Scorecard(
      UUID scorecardId, UUID reviewerId, Instant submittedAt, String role, List<Score> scores) {}

  public record Score(String axis, int score, String comment) {}
}
