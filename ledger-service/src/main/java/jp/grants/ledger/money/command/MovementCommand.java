package jp.grants.ledger.money.command;

import java.util.UUID;
import jp.grants.ledger.journal.Provenance;

/** A carry-over or a refund, as the engine answers it. */
public sealed interface MovementCommand permits CarryOverCommand, RefundCommand {
  UUID operationId();

  UUID grantId();

  /** CARRY_OVER or REFUND (as an Idempotency-Key records it). */
  String operation();

  /** The caller's role: who may ask depends on the pool's kind and the refund's kind. */
  String role();

  Provenance provenance();
}
