package jp.grants.ledger.disbursement.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsCarriedOver;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.FundsRefunded;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.money.query.CarryOverView;
import jp.grants.ledger.money.query.RefundView;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;

/**
 * The ledger's answer to each disbursement, as published on {@code ledger-events} through the
 * outbox in the transaction that recorded it (the disbursement engine writes it): the answer goes
 * out if and only if the disbursement (or its refusal) is committed. Records are keyed by grant id,
 * in the grant events' CloudEvents envelope.
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
    return UUID.nameUUIDFromBytes(
            ("ledger-answer:" + disbursementId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The event id of a carry-over's FundsCarriedOver, derived from the carry-over's id. */
  public static String carryOverEventId(UUID carryOverId) {
    return UUID.nameUUIDFromBytes(
            ("ledger-carry-over:" + carryOverId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The event id of a refund's FundsRefunded, derived from the refund's id. */
  public static String refundEventId(UUID refundId) {
    return UUID.nameUUIDFromBytes(("ledger-refund:" + refundId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  public EventEnvelope envelope(CarryOverView v, String programCode, Provenance provenance) {
    return codec.wrap(
        carryOverEventId(v.carryOverId()),
        SOURCE,
        v.recordedAt().toInstant(),
        null,
        metadata(provenance),
        new FundsCarriedOver(
            v.grantId(),
            v.carryOverId(),
            programCode,
            v.fromFiscalYear(),
            v.toFiscalYear(),
            v.amountYen(),
            v.paidMovedYen(),
            v.approved(),
            v.reason(),
            v.journalEntryId()));
  }

  public EventEnvelope envelope(RefundView v, String programCode, Provenance provenance) {
    return codec.wrap(
        refundEventId(v.refundId()),
        SOURCE,
        v.recordedAt().toInstant(),
        null,
        metadata(provenance),
        new FundsRefunded(
            v.grantId(),
            v.refundId(),
            programCode,
            v.fiscalYear(),
            v.amountYen(),
            v.indirectCostYen(),
            v.additionalChargeYen(),
            v.kind(),
            v.reason(),
            v.journalEntryId()));
  }

  private static EventMetadata metadata(Provenance provenance) {
    return new EventMetadata(
        provenance.correlationId(),
        provenance.causationId(),
        provenance.actor(),
        provenance.actorRole());
  }

  /** The answer to a disbursement, in the envelope it is published in. */
  public EventEnvelope envelope(Disbursement d, Provenance provenance) {
    EventMetadata metadata =
        new EventMetadata(
            provenance.correlationId(),
            provenance.causationId(),
            provenance.actor(),
            provenance.actorRole());
    return codec.wrap(d.answerEventId, SOURCE, d.recordedAt.toInstant(), null, metadata, event(d));
  }

  static LedgerEvent event(Disbursement d) {
    if (d.status == DisbursementStatus.ACCEPTED) {
      return new FundsDisbursed(
          d.grantId,
          d.disbursementId,
          d.programCode,
          d.fiscalYear,
          d.amountYen,
          d.expenseCategory,
          d.journalEntryId,
          d.grantYearHeadroomYen,
          d.indirectCostYen);
    }
    return new DisbursementRejected(
        d.grantId,
        d.disbursementId,
        d.programCode,
        d.fiscalYear,
        d.amountYen,
        d.rule,
        d.capLevel,
        d.headroomYen == null ? 0 : d.headroomYen,
        d.reason);
  }
}
