package jp.grants.contracts;

/**
 * Kafka topics that carry events between services. Each record is keyed by the grant id (on {@link
 * #AUDIT_CHECKPOINTS}, {@link #REVIEW_CHECKPOINTS} and {@link #LEDGER_CHECKPOINTS}: by the
 * checkpoint log's id; on {@link #CALL_EVENTS}: by the call's id).
 */
public final class Topics {
  /** Every event of every grant, in the order of the grant's event stream. */
  public static final String GRANT_EVENTS = "grant-events";

  /** Answers of the ledger: FundsDisbursed, DisbursementRejected. */
  public static final String LEDGER_EVENTS = "ledger-events";

  /** Committee decisions: ReviewOpened, ReviewCompleted. */
  public static final String REVIEW_EVENTS = "review-events";

  /**
   * Signed checkpoints of the grant-service's audit log (CheckpointSigned), keyed by the checkpoint
   * log's id, in log order.
   */
  public static final String AUDIT_CHECKPOINTS = "audit-checkpoints";

  /**
   * Signed checkpoints of the review-service's decision chains (CheckpointSigned), keyed by its
   * checkpoint log's id, in log order.
   */
  public static final String REVIEW_CHECKPOINTS = "review-checkpoints";

  /**
   * Signed checkpoints of the ledger-service's journal chains (CheckpointSigned), keyed by its
   * checkpoint log's id, in log order.
   */
  public static final String LEDGER_CHECKPOINTS = "ledger-checkpoints";

  /**
   * Calls for proposals (CallForProposalsOpened, CallPlannedAwardsChanged, CallForProposalsClosed),
   * keyed by the call's id, in the order of each call's history.
   */
  public static final String CALL_EVENTS = "call-events";

  private Topics() {}
}
