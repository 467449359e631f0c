package jp.grants.grant.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine, reading a grant's events in one statement. The JDBC engine reads a grant's
 * events in batches until one comes back empty, because some databases cap a result below the batch
 * size it asked for; PostgreSQL returns every row up to the LIMIT, so a batch shorter than the
 * batch size is the last one, and a load after a snapshot (fewer events than the snapshot
 * threshold, which is below the batch size) is a single SELECT instead of two.
 */
final class PostgresEventStorageEngine extends JdbcEventStorageEngine {
  PostgresEventStorageEngine(Builder builder) {
    super(builder);
  }

  @Override
  protected boolean fetchForAggregateUntilEmpty() {
    return false;
  }
}
