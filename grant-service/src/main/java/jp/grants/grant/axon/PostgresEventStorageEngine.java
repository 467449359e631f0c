package jp.grants.grant.axon;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.nextAndExtract;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine, with two PostgreSQL-minded changes.
 *
 * <ul>
 *   <li>A grant's events in one statement. The JDBC engine reads a grant's events in batches until
 *       one comes back empty, because some databases cap a result below the batch size it asked
 *       for; PostgreSQL returns every row up to the LIMIT, so a batch shorter than the batch size
 *       is the last one, and a load after a snapshot (fewer events than the snapshot threshold,
 *       which is below the batch size) is a single SELECT instead of two.
 *   <li>An idle reader's poll in one statement. The streaming readers ask for the events after a
 *       position in a window of global indexes as wide as their batch; when the window is empty,
 *       Axon's "extended gap check" asks once more for the next index beyond it, in case more than
 *       a batch of indexes was skipped (a large transaction rolled back), which would otherwise
 *       leave the readers stuck. Idle, that doubles every poll. Here the check runs when a reader
 *       at a new position finds nothing, and again at the same position at most every {@link
 *       #GAP_CHECK_INTERVAL_MILLIS}: a skip wider than a batch is passed at most that late, and an
 *       idle store answers one statement per poll.
 * </ul>
 */
final class PostgresEventStorageEngine extends JdbcEventStorageEngine {
  static final long GAP_CHECK_INTERVAL_MILLIS = 10_000;

  private final Object gapCheck = new Object();
  private long gapCheckedIndex = Long.MIN_VALUE;
  private long gapCheckedAt;

  PostgresEventStorageEngine(Builder builder) {
    super(builder);
  }

  @Override
  protected boolean fetchForAggregateUntilEmpty() {
    return false;
  }

  @Override
  protected List<? extends TrackedEventData<?>> fetchTrackedEvents(
      TrackingToken lastToken, int batchSize) {
    List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
    if (!events.isEmpty()) {
      return events;
    }
    long index = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
    if (!gapCheckDue(index)) {
      return events;
    }
    Long next =
        executeQuery(
            getConnection(),
            connection -> fetchTrackedEvents(connection, index),
            resultSet -> nextAndExtract(resultSet, 1, Long.class),
            e -> new EventStoreException("Failed to read globalIndex ahead of token", e));
    if (next == null) {
      return events;
    }
    return super.fetchTrackedEvents(lastToken, (int) Math.min(Integer.MAX_VALUE, next - index));
  }

  /** Whether to look beyond the window at this position now (see the class comment). */
  private boolean gapCheckDue(long index) {
    long now = System.nanoTime();
    synchronized (gapCheck) {
      if (index == gapCheckedIndex
          && now - gapCheckedAt < TimeUnit.MILLISECONDS.toNanos(GAP_CHECK_INTERVAL_MILLIS)) {
        return false;
      }
      gapCheckedIndex = index;
      gapCheckedAt = now;
      return true;
    }
  }
}
