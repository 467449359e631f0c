package jp.grants.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest value a numeric record component takes, because the record's constructor refuses
 * anything smaller. Published as {@code minimum} in the event's JSON Schema; a contracts test
 * checks that the constructor really refuses {@code value - 1}, so the schema promises no more than
 * the record enforces.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Minimum {
  long value();
}
