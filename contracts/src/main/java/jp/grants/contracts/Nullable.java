package jp.grants.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that may be null (or absent in the JSON). Every other non-primitive component
 * of an event is always present: the published JSON Schema lists it as required, and a consumer may
 * rely on it. A component added to an existing schema version must be {@code @Nullable}, because
 * events stored before it was added do not have it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {}
