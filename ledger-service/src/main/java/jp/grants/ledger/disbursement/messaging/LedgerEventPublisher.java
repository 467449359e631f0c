package jp.grants.ledger.disbursement.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;

/**
 * The ledger's answer to each disbursement, as published on {@code ledger-events} through the
 * outbox in the transaction that recorded it (the disbursement engine writes it): the answer goes
 * out if and only if the disbursement (or its refusal) is committed. Records are keyed by grant id, in the grant events' CloudEvents envelope.
 */
@ApplicationScoped
public class LedgerEventPublisher {
  public static final String SOURCE = "/ledger-service";

  @Inject EnvelopeCodec codec;

  /**
   * The answer's event id follows from the disbursement id, so that the one answer of a
   * disbursement has one id however often anything is retried.
   */
  public static String answerEventId(UUID disbursementId) {
    return UUID.nameUUIDFromBytes(("ledger-answer:" + disbursementId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The answer to a disbursement, in the envelope it is published in. */
  public EventEnvelope envelope(Disbursement d, Provenance provenance) {
    EventMetadata metadata = new EventMetadata(
        provenance.correlationId(), provenance.causationId(), provenance.actor(), provenance.actorRole());
    return codec.wrap(d.answerEventId, SOURCE, d.recordedAt.toInstant(), null, metadata, event(d));
  }

  static LedgerEvent event(Disbursement d) {
    if (d.status == DisbursementStatus.ACCEPTED) {
      return new FundsDisbursed(d.grantId, d.disbursementId, d.programCode, d.fiscalYear, d.amountYen,
          d.expenseCategory, d.journalEntryId, d.grantYearHeadroomYen);
    }
    return new DisbursementRejected(d.grantId, d.disbursementId, d.programCode, d.fiscalYear, d.amountYen,
        d.rule, d.capLevel, d.headroomYen == null ? 0 : d.headroomYen, d.reason);
  }
}
