package jp.grants.ledger.disbursement.domain;

/** The ledger's answer to a disbursement request. */
public enum DisbursementStatus {
  ACCEPTED,
  REJECTED
}
