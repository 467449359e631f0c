package jp.grants.grant.axon;

/** Keys of the Axon metadata stored with every event: who caused it, and why. */
public final class EventMetadataKeys {
  public static final String ACTOR = "actor";
  public static final String ACTOR_ROLE = "actorRole";
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";
  public static final String COMMAND = "command";
  public static final String REQUEST = "request";

  /** W3C trace context of the request: the publisher continues the trace into Kafka. */
  public static final String TRACEPARENT = "traceparent";

  /** The program catalog version the event was checked against (the grant's pinned version). */
  public static final String CATALOG_VERSION = jp.grants.grant.command.Grant.CATALOG_VERSION;

  private EventMetadataKeys() {}
}
