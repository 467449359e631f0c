package jp.grants.ledger.disbursement.engine;

import java.util.UUID;
import jp.grants.ledger.money.command.MovementCommand;

/** A carry-over or a refund for the engine to answer; always from REST, with an Idempotency-Key. */
public record MovementRequest(
    MovementCommand command, DisbursementRequest.IdempotencyClaim claim, String traceparent)
    implements EngineRequest {
  @Override
  public UUID operationId() {
    return command.operationId();
  }

  @Override
  public UUID grantId() {
    return command.grantId();
  }

  @Override
  public String operation() {
    return command.operation();
  }
}
