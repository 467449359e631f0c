package jp.grants.contracts.ledger;

import java.util.UUID;
import jp.grants.contracts.DomainEvent;

/**
 * What the ledger did with a grant's money, published on {@code ledger-events}: its answers to
 * disbursement requests, carry-overs, refunds, accepted annual reports and the final settlement.
 */
public sealed interface LedgerEvent extends DomainEvent
    permits FundsDisbursed,
        DisbursementRejected,
        FundsCarriedOver,
        FundsRefunded,
        AnnualReportAccepted,
        GrantSettled {
  UUID grantId();

  /**
   * The ledger operation this reports (a disbursement, carry-over, refund, report or settlement
   * id); the key that makes every consumer idempotent.
   */
  UUID operationId();
}
