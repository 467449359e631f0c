package jp.grants.contracts.audit;

import jp.grants.contracts.DomainEvent;

/**
 * Events of the grant-service's audit log, published on {@code audit-checkpoints}. They concern the
 * checkpoint log, not one grant: their subject (and record key) is the checkpoint log's id, which
 * {@link #grantId()} answers so that they travel in the same envelope as every other event.
 */
public sealed interface AuditEvent extends DomainEvent permits CheckpointSigned {}
