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
   * The OpenAPI extension that marks such a field on its schema ({@code @Schema(extensions
   * = @Extension(name = FreeText.OPENAPI, value = "true"))} beside the annotation): {@link
   * OpenApiContract} reads it to state the field's characters in the document, then removes it.
   */
  String OPENAPI = "x-free-text";
}
