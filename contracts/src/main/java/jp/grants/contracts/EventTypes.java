package jp.grants.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.grants.contracts.audit.AuditEvent;
import jp.grants.contracts.call.CallEvent;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.ledger.LedgerEvent;
import jp.grants.contracts.review.ReviewEvent;

/**
 * The stable type names of every published event, derived from the sealed event hierarchies: a new
 * event record is published under {@code jp.grants.<area>.<SimpleName>} as soon as its sealed
 * interface permits it.
 */
public final class EventTypes {
  private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();

  static {
    register("grant", GrantEvent.class);
    register("ledger", LedgerEvent.class);
    register("review", ReviewEvent.class);
    register("audit", AuditEvent.class);
    register("call", CallEvent.class);
  }

  private EventTypes() {}

  @SuppressWarnings("unchecked")
  private static void register(String area, Class<? extends DomainEvent> sealed) {
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      String name = "jp.grants." + area + "." + permitted.getSimpleName();
      if (permitted.getAnnotation(SchemaVersion.class) == null) {
        throw new IllegalStateException(permitted + " has no @SchemaVersion");
      }
      BY_NAME.put(name, (Class<? extends DomainEvent>) permitted);
      NAMES.put(permitted, name);
    }
  }

  /** The type name of an event class; fails for a class that is not a published event. */
  public static String nameOf(Class<?> eventClass) {
    String name = NAMES.get(eventClass);
    if (name == null) {
      throw new IllegalArgumentException(eventClass + " is not a published event type");
    }
    return name;
  }

  public static Optional<Class<? extends DomainEvent>> classOf(String typeName) {
    return Optional.ofNullable(BY_NAME.get(typeName));
  }

  public static int schemaVersionOf(Class<?> eventClass) {
    SchemaVersion version = eventClass.getAnnotation(SchemaVersion.class);
    if (version == null) {
      throw new IllegalArgumentException(eventClass + " has no @SchemaVersion");
    }
    return version.value();
  }

  /** Every published type name, in declaration order. */
  public static List<String> all() {
    return List.copyOf(Collections.unmodifiableSet(BY_NAME.keySet()));
  }
}
