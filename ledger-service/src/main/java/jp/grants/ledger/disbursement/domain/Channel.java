package jp.grants.ledger.disbursement.domain;

/** How a disbursement request reached the ledger. */
public enum Channel {
  /** DisbursementRequested on {@code grant-events}. */
  KAFKA,
  /** POST /api/v1/ledger/disbursements from a finance front end. */
  REST
}
