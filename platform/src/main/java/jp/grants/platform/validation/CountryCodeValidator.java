package jp.grants.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Locale;
import java.util.Set;

/** Checks {@link CountryCode} against the JDK's list of ISO 3166-1 alpha-2 codes. */
public class CountryCodeValidator implements ConstraintValidator<CountryCode, String> {
  static final Set<String> CODES = Set.of(Locale.getISOCountries());

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || CODES.contains(value);
  }

  /** Every code the check accepts, in alphabetical order. */
  public static java.util.List<String> codes() {
    return CODES.stream().sorted().toList();
  }

  /** Whether {@code code} is an ISO 3166-1 alpha-2 country code in upper case. */
  public static boolean isCountry(String code) {
    return code != null && CODES.contains(code);
  }
}
