package jp.grants.review.review.command;

import java.time.Instant;
import java.util.List;
import jp.grants.catalog.Program;
import jp.grants.contracts.review.CommitteeDecisionRecorded;
import jp.grants.contracts.review.CommitteeDecisionRefusedRecorded;
import jp.grants.review.committee.domain.Composition;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.review.persistence.ReviewEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/** The records of the decision chain, built from a decision and from a refusal of one. */
final class DecisionRecords {
  static final String REOPENED = "REOPENED";
  static final String WITHDRAWN = "WITHDRAWN";

  private DecisionRecords() {}

  /** The decision just recorded on the review, with everything it rested on. */
  static CommitteeDecisionRecorded decided(
      String eventId,
      Program program,
      ReviewEntity review,
      GrantViewEntity grant,
      ReviewerEntity chair,
      Composition composition,
      DecisionPanel panel,
      String catalogVersion) {
    var rule = program.committee();
    return new CommitteeDecisionRecorded(
        new CommitteeDecisionRecorded.Review(
            review.id,
            review.grantId,
            review.programCode,
            review.kind,
            review.fiscalYear,
            review.targetPhase,
            review.round,
            eventId,
            catalogVersion),
        new CommitteeDecisionRecorded.Decision(
            review.recommendation,
            review.grade,
            review.rationale,
            review.meanScoreHundredths,
            List.copyOf(review.allocations),
            review.decidedBy,
            chair.id,
            review.decidedAt),
        new CommitteeDecisionRecorded.Rule(
            rule.minVotingMembers(), rule.minForeignMemberPercent(), rule.quorumPercent()),
        panel.committee(),
        new CommitteeDecisionRecorded.Composition(
            composition.votingMembers(),
            composition.votingMembersFromOutsideJapan(),
            composition.hasChair()),
        panel.parties(),
        DecisionPanel.assigned(review),
        panel.scorecardRecords());
  }

  /** The grant refused the review's decision of {@code round}; the review reopened or withdrew. */
  static CommitteeDecisionRefusedRecorded refused(
      ReviewEntity review,
      int round,
      String decisionEventId,
      String rule,
      String reason,
      boolean withdrawn,
      Instant refusedAt) {
    return new CommitteeDecisionRefusedRecorded(
        review.id,
        review.grantId,
        round,
        decisionEventId,
        rule,
        reason,
        withdrawn ? WITHDRAWN : REOPENED,
        refusedAt);
  }
}
