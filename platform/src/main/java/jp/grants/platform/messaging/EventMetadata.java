package jp.grants.platform.messaging;

/**
 * Who and what caused an event: carried in the envelope and, in the grant-service, as Axon
 * metadata of the stored event.
 */
public record EventMetadata(String correlationId, String causationId, String actor, String actorRole) {
  public static final EventMetadata NONE = new EventMetadata(null, null, null, null);
}
