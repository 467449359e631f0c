package jp.grants.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ISO 3166-1 alpha-2 country code in upper case ({@code JP}, {@code DE}): one of the codes the
 * JDK knows ({@link java.util.Locale#getISOCountries()}). User-assigned codes ({@code AA}, {@code
 * ZZ}, {@code XK}) and lower case are refused: a composition rule counts countries, and a code that
 * names none would be counted as a country outside Japan. {@code null} is valid; add
 * {@code @NotNull} where the country is required.
 */
@Documented
@Constraint(validatedBy = CountryCodeValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
public @interface CountryCode {
  /**
   * The name of the OpenAPI schema of a country code ({@code @Schema(ref = CountryCode.OPENAPI)}
   * beside the annotation): every code the check accepts, which {@code OpenApiContract} adds to
   * each service's document.
   */
  String OPENAPI = "CountryCode";

  String message() default "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. JP";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
