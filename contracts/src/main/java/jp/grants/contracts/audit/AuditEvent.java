package jp.grants.contracts.audit;

import jp.grants.contracts.DomainEvent;

/**
 * Events of a service's checkpoint log, published on its checkpoint topic (grant-service's on
 * {@code audit-checkpoints}, review-service's on {@code review-checkpoints}, ledger-service's on
 * {@code ledger-checkpoints}). They concern the log, not one grant: their subject (and record key)
 * is the checkpoint log's id, which {@link #grantId()} answers so that they travel in the same
 * envelope as every other event.
 */
public sealed interface AuditEvent extends DomainEvent permits CheckpointSigned {}
