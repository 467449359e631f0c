package jp.grants.platform.messaging;

/**
 * Who and what caused an event: carried in the envelope and, in the grant-service, as Axon metadata
 * of the stored event. {@code catalogVersion} is the program catalog version the event was checked
 * against, where there is one (grant events).
 */
public record EventMetadata(
    String correlationId,
    String causationId,
    String actor,
    String actorRole,
    String catalogVersion) {
  public static final EventMetadata NONE = new EventMetadata(null, null, null, null, null);

  /**
   * Metadata without a catalog version (the event checked no catalog rule, or predates versioning).
   */
  public EventMetadata(String correlationId, String causationId, String actor, String actorRole) {
    this(correlationId, causationId, actor, actorRole, null);
  }
}
