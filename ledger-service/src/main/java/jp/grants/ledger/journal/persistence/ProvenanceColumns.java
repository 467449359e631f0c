package jp.grants.ledger.journal.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jp.grants.ledger.journal.Provenance;

/**
 * A {@link Provenance} as stored: the same four columns on every journal entry and disbursement
 * (who caused it, in which role, the correlation and the causing event or idempotency key).
 */
@Embeddable
public class ProvenanceColumns {
  public String actor;

  @Column(name = "actor_role")
  public String actorRole;

  @Column(name = "correlation_id")
  public String correlationId;

  @Column(name = "causation_id")
  public String causationId;

  public static ProvenanceColumns of(Provenance provenance) {
    ProvenanceColumns columns = new ProvenanceColumns();
    columns.actor = provenance.actor();
    columns.actorRole = provenance.actorRole();
    columns.correlationId = provenance.correlationId();
    columns.causationId = provenance.causationId();
    return columns;
  }
}
