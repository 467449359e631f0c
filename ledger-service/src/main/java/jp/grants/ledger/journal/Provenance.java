package jp.grants.ledger.journal;

import jp.grants.contracts.EventEnvelope;
import jp.grants.platform.security.Actor;

/**
 * Who and what caused a movement, stored with every journal entry and carried on every event the
 * ledger publishes.
 *
 * @param actor the subject of the verified token, or {@code system:ledger-service} for what the
 *     ledger does on an event
 * @param causationId the event that caused it, or the client's idempotency key
 */
public record Provenance(String actor, String actorRole, String correlationId, String causationId) {
  public static final Actor SYSTEM = Actor.system("ledger-service");

  public static Provenance ofRequest(Actor actor, String correlationId, String causationId) {
    return new Provenance(actor.subject(), actor.role(), correlationId, causationId);
  }

  /** The ledger acting by itself (start-up work). */
  public static Provenance system() {
    return new Provenance(SYSTEM.subject(), SYSTEM.role(), null, null);
  }

  /** The ledger acting on another service's event. */
  public static Provenance ofEvent(EventEnvelope envelope) {
    String correlation =
        envelope.correlationid() != null ? envelope.correlationid() : envelope.id();
    return new Provenance(SYSTEM.subject(), SYSTEM.role(), correlation, envelope.id());
  }
}
