package jp.grants.ledger.grant.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Topics;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
import jp.grants.contracts.grant.GrantSuspended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.NoCostExtensionGranted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.ledger.LedgerConfig;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.engine.DisbursementEngine;
import jp.grants.ledger.disbursement.engine.DisbursementRequest;
import jp.grants.ledger.grant.command.GrantAccountHandler;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.InboxConsumer;
import jp.grants.platform.messaging.InboxConsumer.Delivery;
import jp.grants.platform.messaging.KafkaClients;
import jp.grants.platform.schema.SchemaReady;
import org.hibernate.Session;

/**
 * Consumes {@code grant-events}: the events that shape a grant's caps, and DisbursementRequested,
 * which it answers. Each event is applied once (inbox), in order per grant (the record key), with
 * its effect and the inbox row in one transaction per poll: the disbursement requests of a poll go
 * through the disbursement engine together (a batch of them between two events that shape caps).
 * Other event types are passed over.
 */
@ApplicationScoped
public class GrantEventsListener {
  static final Set<String> TYPES =
      Stream.of(
              GrantAwarded.class,
              StageGatePassed.class,
              StageGateFailed.class,
              GrantExtended.class,
              GrantTerminated.class,
              GrantSuspended.class,
              GrantResumed.class,
              NoCostExtensionGranted.class,
              GrantClosed.class,
              DisbursementRequested.class)
          .map(EventTypes::nameOf)
          .collect(Collectors.toUnmodifiableSet());

  @Inject KafkaClients clients;
  @Inject DataSource dataSource;
  @Inject EnvelopeCodec codec;
  @Inject LedgerConfig config;
  @Inject GrantAccountHandler grants;
  @Inject DisbursementEngine engine;
  @Inject EntityManager em;

  private InboxConsumer consumer;

  void onSchemaReady(@Observes SchemaReady ready) {
    if (config.grantEvents().enabled()) {
      start();
    }
  }

  void onShutdown(@Observes ShutdownEvent event) {
    stop();
  }

  public synchronized void start() {
    if (consumer == null) {
      consumer =
          InboxConsumer.batched(
                  config.grantEvents().consumer(),
                  List.of(Topics.GRANT_EVENTS),
                  clients,
                  dataSource,
                  codec,
                  TYPES::contains,
                  this::on)
              .start();
    }
  }

  /** Stops consuming; offsets of applied events are committed, the rest is read again on start. */
  public synchronized void stop() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }

  /** The failure being retried, or null while all is well. */
  public synchronized String lastFailure() {
    return consumer == null ? "not consuming" : consumer.lastFailure();
  }

  void on(List<Delivery> deliveries) throws SQLException {
    List<DisbursementRequest> requests = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      if (delivery.event() instanceof DisbursementRequested e) {
        requests.add(
            new DisbursementRequest(
                DisburseCommand.of(e, delivery.envelope()), null, delivery.traceparent()));
      } else {
        disburse(requests);
        on(delivery.envelope(), delivery.event());
      }
    }
    disburse(requests);
  }

  /**
   * The requests gathered so far, through the engine on this transaction's connection: what the
   * session has pending goes first, and what it holds is read again afterwards (the engine changed
   * the cap rows under it).
   */
  private void disburse(List<DisbursementRequest> requests) throws SQLException {
    if (requests.isEmpty()) {
      return;
    }
    Session session = em.unwrap(Session.class);
    session.flush();
    engine.applyInTransaction(requests);
    session.clear();
    requests.clear();
  }

  void on(EventEnvelope envelope, DomainEvent event) {
    Provenance provenance = Provenance.ofEvent(envelope);
    if (event instanceof GrantAwarded e) {
      grants.on(e, provenance);
    } else if (event instanceof StageGatePassed e) {
      grants.on(e, provenance);
    } else if (event instanceof StageGateFailed e) {
      grants.on(e, provenance);
    } else if (event instanceof GrantExtended e) {
      grants.on(e, provenance);
    } else if (event instanceof GrantTerminated e) {
      grants.on(e, provenance);
    } else if (event instanceof GrantSuspended e) {
      grants.on(e, provenance);
    } else if (event instanceof GrantResumed e) {
      grants.on(e, provenance);
    } else if (event instanceof NoCostExtensionGranted e) {
      grants.on(e, provenance);
    } else if (event instanceof GrantClosed e) {
      grants.on(e, provenance);
    }
    // DisbursementRequested goes through the engine; anything else is not one of TYPES
  }
}
