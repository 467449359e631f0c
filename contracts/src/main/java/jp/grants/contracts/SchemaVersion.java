package jp.grants.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema revision of an event's JSON shape. Starts at 1; raised whenever the shape changes
 * incompatibly, with an upcaster for the stored older revision.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SchemaVersion {
  int value();
}
