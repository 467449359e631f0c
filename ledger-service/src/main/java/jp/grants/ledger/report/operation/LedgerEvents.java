package jp.grants.ledger.report.operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.ledger.disbursement.messaging.LedgerEventPublisher;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.messaging.Outbox;
import jp.grants.platform.messaging.Tracing;
import jp.grants.platform.persistence.StatementBatch;

/**
 * Reports' and settlements' events on {@code ledger-events}, through the outbox in the operation's
 * transaction, in the envelope of the ledger's other answers; the event id follows from the
 * operation's id (and its kind), so one operation has one event however often it is retried.
 */
@ApplicationScoped
public class LedgerEvents {
  @Inject EnvelopeCodec codec;
  @Inject Outbox outbox;

  public static String eventId(String kind, UUID operationId) {
    return UUID.nameUUIDFromBytes(
            ("ledger-" + kind + ":" + operationId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Adds the event's outbox row to the batch of the operation's writes. */
  public void addTo(
      StatementBatch writes,
      String kind,
      LedgerEvent event,
      Provenance provenance,
      OffsetDateTime at) {
    EventEnvelope envelope =
        codec.wrap(
            eventId(kind, event.operationId()),
            LedgerEventPublisher.SOURCE,
            at.toInstant(),
            null,
            new EventMetadata(
                provenance.correlationId(),
                provenance.causationId(),
                provenance.actor(),
                provenance.actorRole()),
            event);
    outbox.addTo(
        writes,
        Topics.LEDGER_EVENTS,
        List.of(new Outbox.Entry(envelope, Tracing.currentTraceparent())));
  }
}
