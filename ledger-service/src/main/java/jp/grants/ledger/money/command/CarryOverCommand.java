package jp.grants.ledger.money.command;

import java.util.UUID;
import jp.grants.ledger.journal.Provenance;

/** Carry an amount of a grant's fiscal year over to its next year. */
public record CarryOverCommand(
    UUID carryOverId,
    UUID grantId,
    int fromFiscalYear,
    long amountYen,
    String reason,
    String role,
    Provenance provenance)
    implements MovementCommand {
  @Override
  public UUID operationId() {
    return carryOverId;
  }

  @Override
  public String operation() {
    return "CARRY_OVER";
  }
}
