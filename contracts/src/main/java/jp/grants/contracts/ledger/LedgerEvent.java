package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.DomainEvent;

/** The ledger's answers to disbursement requests, published on {@code ledger-events}. */
public sealed interface LedgerEvent extends DomainEvent permits FundsDisbursed, DisbursementRejected {
  /** The disbursement this answers; the key that makes every consumer idempotent. */
  UUID disbursementId();
}
