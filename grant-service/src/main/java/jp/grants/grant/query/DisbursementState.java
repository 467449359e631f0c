package jp.grants.grant.query;

/** Where a disbursement of a grant stands, as the grant's history says. */
public enum DisbursementState {
  /** Asked of the ledger; it has not answered yet. */
  REQUESTED,
  /** The ledger paid it (FundsDisbursed). */
  DISBURSED,
  /** The ledger refused it, naming its rule (DisbursementRejected). */
  REJECTED
}
