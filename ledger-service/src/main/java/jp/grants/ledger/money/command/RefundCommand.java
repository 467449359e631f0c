package jp.grants.ledger.money.command;

import java.util.UUID;
import jp.grants.contracts.RefundKind;
import jp.grants.ledger.journal.Provenance;

/** Money of a grant's fiscal year comes back: returned by the recipient, or ordered back. */
public record RefundCommand(
    UUID refundId,
    UUID grantId,
    int fiscalYear,
    long amountYen,
    RefundKind kind,
    String reason,
    String role,
    Provenance provenance)
    implements MovementCommand {
  @Override
  public UUID operationId() {
    return refundId;
  }

  @Override
  public String operation() {
    return "REFUND";
  }
}
