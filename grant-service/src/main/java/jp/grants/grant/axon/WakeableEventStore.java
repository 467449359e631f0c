package jp.grants.grant.axon;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, with a way to wake its readers from outside a unit of work. Axon
 * wakes them when a unit of work commits; a unit of work that joins a JTA transaction begun by
 * somebody else (a REST command with its idempotency row, a consumed event with its inbox row)
 * "commits" before the transaction does, so the readers look too early, find nothing and sleep
 * until their next poll. {@link JtaTransactionManager} calls {@link #wake()} once the transaction
 * has really committed, so the readers' poll can be slow (one statement a second when idle) without
 * delaying publication.
 */
final class WakeableEventStore extends EmbeddedEventStore {
  WakeableEventStore(EmbeddedEventStore.Builder builder) {
    super(builder);
  }

  /** New events may be in the store: readers that wait for some look now. */
  void wake() {
    afterCommit(List.of()); // Axon's own hook: wakes the producer if it waits
  }
}
