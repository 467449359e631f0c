package jp.grants.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Country codes are the ISO 3166-1 alpha-2 codes the JDK knows, in upper case. */
class CountryCodeValidatorTest {
  private final CountryCodeValidator validator = new CountryCodeValidator();

  @Test
  void shouldAcceptAssignedCodes() {
    for (String code : new String[] {"JP", "DE", "US", "GB", "KR", "FR"}) {
      assertThat(validator.isValid(code, null)).as(code).isTrue();
    }
  }

  @Test
  void shouldRefuseUserAssignedUnknownAndMalformedCodes() {
    for (String code :
        new String[] {"AA", "ZZ", "XK", "QM", "UK", "jp", "Jp", "JPN", "J", "", " JP", "J\u0000"}) {
      assertThat(validator.isValid(code, null)).as(code).isFalse();
    }
  }

  @Test
  void shouldLeaveNullToNotNull() {
    assertThat(validator.isValid(null, null)).isTrue();
  }
}
