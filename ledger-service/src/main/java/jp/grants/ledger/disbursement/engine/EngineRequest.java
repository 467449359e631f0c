package jp.grants.ledger.disbursement.engine;

import java.util.UUID;

/**
 * What the engine answers: a disbursement ({@link DisbursementRequest}), or a carry-over or a
 * refund ({@link MovementRequest}). All of them go through the same queue, batches, locks (in the
 * same order) and backpressure.
 */
public sealed interface EngineRequest permits DisbursementRequest, MovementRequest {
  /** The REST caller's Idempotency-Key, or null for a request from an event. */
  DisbursementRequest.IdempotencyClaim claim();

  /** The W3C traceparent of the request, carried on to the answer's outbox row. */
  String traceparent();

  /** The id of the operation the request creates (its idempotency key for events). */
  UUID operationId();

  UUID grantId();

  /** The kind of operation, as an Idempotency-Key records it. */
  String operation();
}
