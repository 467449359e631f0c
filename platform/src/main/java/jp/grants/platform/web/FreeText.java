package jp.grants.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body as prose written by a person (a reason, a summary, a
 * comment): it may hold tabs and line breaks (U+0009, U+000A, U+000D). Every other text field — a
 * name, an identifier, a code — refuses them along with all other control characters; see {@link
 * ControlCharacters} and {@link StrictJson}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
public @interface FreeText {
  /**
   * The OpenAPI extension that marks such a field on its schema while the document is built: {@link
   * OpenApiContract} finds the annotated fields in the application's index ({@link
   * FreeTextFields}), marks their properties, states their characters and removes the mark again.
   * Nothing but this annotation is needed on a field.
   */
  String OPENAPI = "x-free-text";
}
