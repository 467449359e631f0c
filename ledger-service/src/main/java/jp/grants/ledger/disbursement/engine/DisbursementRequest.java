package jp.grants.ledger.disbursement.engine;

import jp.grants.ledger.disbursement.command.DisburseCommand;

/**
 * A disbursement for the engine to answer.
 *
 * @param claim the REST caller's Idempotency-Key, or null for a request from an event (whose
 *     disbursement id is its key)
 * @param traceparent the W3C traceparent of the request, carried on to the answer's outbox row
 */
public record DisbursementRequest(
    DisburseCommand command, IdempotencyClaim claim, String traceparent) implements EngineRequest {
  @Override
  public java.util.UUID operationId() {
    return command.disbursementId();
  }

  @Override
  public java.util.UUID grantId() {
    return command.grantId();
  }

  @Override
  public String operation() {
    return "DISBURSEMENT";
  }

  /** A caller's Idempotency-Key and the fingerprint of the request it came with. */
  public record IdempotencyClaim(String subject, String key, String fingerprint) {
    Key id() {
      return new Key(subject, key);
    }
  }

  /** An Idempotency-Key belongs to the caller (token subject) that sent it. */
  record Key(String subject, String key) {}
}
