package jp.grants.grant.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import jp.grants.platform.persistence.AfterCommit;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AggregateModel;

/**
 * The grants in memory between commands, so that a command in the steady state loads neither a
 * snapshot nor events (Axon's caching repository over a bounded Caffeine cache).
 *
 * <p>A cached grant is used only while it is the grant as committed: {@link #get} compares its
 * version with the highest sequence number in the event store (one index lookup, in the command's
 * transaction) and forgets it when they differ. They differ when another instance of the service
 * appended to the grant, or when this instance's unit of work committed but the transaction around
 * it did not: Axon updates the cache as its unit of work commits, which is before the JTA
 * transaction of a REST command or a consumed event commits. A transaction that rolls back after
 * that also forgets the grants it appended to ({@link #forgetOnRollback}), so that another
 * instance's event at the same sequence number cannot make a rolled-back state look current. Axon
 * itself forgets a grant whose unit of work rolls back.
 */
public final class GrantCache implements Cache {
  private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
  private final AggregateModel<?> model;
  private final TransactionSynchronizationRegistry transactions;
  private volatile Function<String, Optional<Long>> committedVersion = id -> Optional.empty();
  private final LongAdder hits = new LongAdder();
  private final LongAdder stale = new LongAdder();

  public GrantCache(
      int maximumSize, AggregateModel<?> model, TransactionSynchronizationRegistry transactions) {
    this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.model = model;
    this.transactions = transactions;
  }

  /** Where the committed version of a grant is read: the event store, once it is built. */
  public void readCommittedVersionsFrom(Function<String, Optional<Long>> lastSequenceNumber) {
    this.committedVersion = lastSequenceNumber;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    Object value = entries.getIfPresent(key);
    if (value instanceof AggregateCacheEntry<?> entry && !isCommitted(key.toString(), entry)) {
      entries.invalidate(key);
      stale.increment();
      return null;
    }
    if (value != null) {
      hits.increment();
    }
    return (V) value;
  }

  private boolean isCommitted(String grantId, AggregateCacheEntry<?> entry) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Long cached =
        entry
            .recreateAggregate((AggregateModel) model, null, NoSnapshotTriggerDefinition.INSTANCE)
            .version();
    return cached != null && cached.equals(committedVersion.apply(grantId).orElse(null));
  }

  /**
   * Forgets the grant if the transaction the caller runs in does not commit (once per grant and
   * transaction).
   */
  public void forgetOnRollback(String grantId) {
    AfterCommit.unlessCommitted(
        transactions, "grant-cache:" + grantId, () -> entries.invalidate(grantId));
  }

  /** Cached grants used (they were current). */
  public long hits() {
    return hits.sum();
  }

  /** Cached grants found behind the event store and loaded again. */
  public long staleEntries() {
    return stale.sum();
  }

  @Override
  public void put(Object key, Object value) {
    entries.put(key, value);
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    return entries.asMap().putIfAbsent(key, value) == null;
  }

  @Override
  public boolean remove(Object key) {
    return entries.asMap().remove(key) != null;
  }

  @Override
  public void removeAll() {
    entries.invalidateAll();
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.getIfPresent(key) != null;
  }

  @Override
  public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
    return () -> true; // nothing here listens to entries
  }
}
