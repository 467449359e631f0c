package jp.grants.contracts.review;

import java.util.UUID;

/**
 * A record of review-service's decision chain (table {@code review_audit_record}, one hash chain
 * per grant, hashed as {@link jp.grants.contracts.audit.ChainHash} states): what a committee
 * decided with everything the decision rested on, and what became of a decision the grant refused.
 * Stored as JSON, byte for byte as written; not published on a topic.
 */
public sealed interface CommitteeDecisionRecord
    permits CommitteeDecisionRecorded, CommitteeDecisionRefusedRecorded {
  UUID reviewId();

  UUID grantId();

  /** The id of the decision's ReviewCompleted event: the decision this record is about. */
  String decisionEventId();
}
