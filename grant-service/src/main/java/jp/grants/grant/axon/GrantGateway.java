package jp.grants.grant.axon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.grants.grant.command.Grant;
import jp.grants.grant.command.GrantView;
import jp.grants.platform.security.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The one way into the grant aggregates: sends commands with who-and-why metadata, and loads a
 * grant's current state straight from its events (read-your-writes, unlike the list read model).
 */
@ApplicationScoped
public class GrantGateway {
  @Inject AxonRuntime axon;
  @Inject jp.grants.grant.metrics.GrantMetrics metrics;

  /**
   * Sends a command and waits for it; joins the caller's transaction if there is one.
   *
   * @return what the handler returned: the new version, or the id of a new grant
   */
  public Object send(Object command, Actor actor, String correlationId, String request) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put(EventMetadataKeys.ACTOR, actor.subject());
    metadata.put(EventMetadataKeys.ACTOR_ROLE, actor.role());
    if (correlationId != null) {
      metadata.put(EventMetadataKeys.CORRELATION_ID, correlationId);
    }
    if (request != null) {
      metadata.put(EventMetadataKeys.REQUEST, request);
    }
    String traceparent = jp.grants.platform.messaging.Tracing.currentTraceparent();
    if (traceparent != null) {
      metadata.put(EventMetadataKeys.TRACEPARENT, traceparent);
    }
    String name = command.getClass().getSimpleName();
    try {
      Object result =
          axon.configuration()
              .commandGateway()
              .sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
      metrics.commandAccepted(name);
      return result;
    } catch (jp.grants.contracts.rule.RuleViolation refusal) {
      metrics.commandRefused(name, refusal.ruleName());
      throw refusal;
    } catch (org.axonframework.modelling.command.ConflictingAggregateVersionException stale) {
      metrics.commandRefused(name, "STALE-VERSION");
      throw stale;
    } catch (org.axonframework.modelling.command.ConcurrencyException conflict) {
      metrics.commandRefused(name, "CONCURRENT-MODIFICATION");
      throw conflict;
    }
  }

  /** The grant's current state, from its snapshot and the events after it. */
  public Optional<GrantView> load(UUID grantId) {
    var repository = axon.configuration().repository(Grant.class);
    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    try {
      Aggregate<Grant> aggregate = repository.load(grantId.toString());
      GrantView view = aggregate.invoke(grant -> grant.view(aggregate.version()));
      unitOfWork.commit();
      return Optional.of(view);
    } catch (AggregateNotFoundException e) {
      unitOfWork.rollback();
      return Optional.empty();
    } catch (RuntimeException e) {
      if (unitOfWork.isActive()) {
        unitOfWork.rollback();
      }
      throw e;
    }
  }
}
