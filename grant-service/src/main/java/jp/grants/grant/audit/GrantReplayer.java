package jp.grants.grant.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import jp.grants.grant.axon.AxonRuntime;
import jp.grants.grant.command.Grant;
import jp.grants.grant.command.GrantView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AggregateModel;

/**
 * Rebuilds a grant's state from its stored events alone, from the first, ignoring snapshots, up to
 * any point: through the very event-sourcing handlers of the {@link Grant} aggregate, so there is
 * no second copy of the state logic to drift from the first.
 */
@ApplicationScoped
public class GrantReplayer {
  /**
   * The aggregate's model; its command handlers' resources (the award's CallQuota) resolve to one
   * that refuses, since a replay applies stored events and handles no command.
   */
  private static final AggregateModel<Grant> MODEL =
      jp.grants.grant.axon.GrantModel.inspect(
          (call, grant) -> {
            throw new IllegalStateException("a replay handles no command");
          });

  private static final GenericAggregateFactory<Grant> FACTORY =
      new GenericAggregateFactory<>(MODEL);

  @Inject AxonRuntime axon;

  /** Every stored event of the grant, in order (not from a snapshot). */
  public List<DomainEventMessage<?>> history(UUID grantId) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    axon.configuration()
        .eventStore()
        .readEvents(grantId.toString(), 0L)
        .forEachRemaining(events::add);
    return events;
  }

  /**
   * The state after the last event that passes the filter (events are taken in order until one
   * fails).
   */
  public Optional<GrantView> replay(UUID grantId, Predicate<DomainEventMessage<?>> upTo) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    for (DomainEventMessage<?> event : history(grantId)) {
      if (!upTo.test(event)) {
        break;
      }
      events.add(event);
    }
    return replay(events);
  }

  public static Optional<GrantView> replay(List<DomainEventMessage<?>> events) {
    if (events.isEmpty()) {
      return Optional.empty();
    }
    Grant root = FACTORY.createAggregateRoot(events.get(0).getAggregateIdentifier(), events.get(0));
    EventSourcedAggregate<Grant> aggregate =
        EventSourcedAggregate.initialize(
            root, MODEL, null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);
    aggregate.initializeState(DomainEventStream.of(events));
    return Optional.of(root.view(aggregate.version()));
  }
}
