package jp.grants.ledger.disbursement.command;

import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.journal.Provenance;

/**
 * Pay an amount out of a grant for one fiscal year, or say why not.
 *
 * @param disbursementId the idempotency key: a second command with it has no effect
 * @param requestedBy who asked (the event's actor, or the REST caller)
 */
public record DisburseCommand(
    UUID disbursementId,
    UUID grantId,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory,
    String purpose,
    String programCode,
    Channel channel,
    String requestedBy,
    Provenance provenance) {

  public static DisburseCommand of(DisbursementRequested event, EventEnvelope envelope) {
    return new DisburseCommand(
        event.disbursementId(),
        event.grantId(),
        event.fiscalYear(),
        event.amountYen(),
        event.expenseCategory(),
        event.purpose(),
        event.programCode(),
        Channel.KAFKA,
        envelope.actor(),
        Provenance.ofEvent(envelope));
  }
}
