package jp.grants.review.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.web.CorrelationIdFilter;
import org.jboss.logging.MDC;

/**
 * The caller of the current request and the metadata its events carry: actor and role from the
 * verified token, correlation id from {@link CorrelationIdFilter} (which puts it in the MDC).
 */
@RequestScoped
public class RequestActor {
  @Inject CurrentActor current;

  public Actor actor() {
    return current.get();
  }

  public EventMetadata metadata() {
    Actor actor = actor();
    Object correlation = MDC.get("correlationId");
    return new EventMetadata(
        correlation == null ? null : correlation.toString(), null, actor.subject(), actor.role());
  }
}
