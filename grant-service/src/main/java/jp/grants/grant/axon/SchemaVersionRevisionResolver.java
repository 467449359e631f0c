package jp.grants.grant.axon;

import jp.grants.contracts.SchemaVersion;
import org.axonframework.serialization.RevisionResolver;

/**
 * Stores each event with the schema revision its contract record declares ({@link SchemaVersion}),
 * so that an upcaster can recognize an older stored shape.
 */
public final class SchemaVersionRevisionResolver implements RevisionResolver {
  @Override
  public String revisionOf(Class<?> payloadType) {
    SchemaVersion version = payloadType.getAnnotation(SchemaVersion.class);
    return version == null ? null : String.valueOf(version.value());
  }
}
