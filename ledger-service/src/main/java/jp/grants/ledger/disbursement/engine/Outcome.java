package jp.grants.ledger.disbursement.engine;

import java.util.UUID;
import jp.grants.ledger.disbursement.persistence.Disbursement;

/** What the engine answered to one request. */
public sealed interface Outcome {
  /**
   * The disbursement, paid or refused.
   *
   * @param replayed true when it had been answered before (a retry: nothing was done now)
   */
  record Answered(Disbursement disbursement, boolean replayed) implements Outcome {}

  /** A retry of a key answered before the engine existed: the answer stored then, as it was. */
  record StoredAnswer(int status, String contentType, String body, UUID disbursementId)
      implements Outcome {}

  /** The ledger has no award for the grant: nothing was written. */
  record UnknownGrant(UUID grantId) implements Outcome {}

  /**
   * A carry-over ({@link jp.grants.ledger.money.query.CarryOverView}) or a refund ({@link
   * jp.grants.ledger.money.query.RefundView}) carried out.
   *
   * @param replayed true when it had been answered before (a retry: nothing was done now)
   */
  record Moved(Object movement, boolean replayed) implements Outcome {}

  /**
   * A carry-over or a refund refused by a named rule: nothing was written, the key was released.
   */
  record Refused(jp.grants.ledger.disbursement.domain.Refusal refusal, UUID grantId)
      implements Outcome {}

  /** The Idempotency-Key was used before with another request: nothing was written. */
  record KeyReused(String key) implements Outcome {}
}
