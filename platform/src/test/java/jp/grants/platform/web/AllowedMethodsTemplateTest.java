package jp.grants.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Resource paths are matched as JAX-RS templates. */
class AllowedMethodsTemplateTest {
  @Test
  void shouldMatchATemplateVariableAsOneSegment() {
    Pattern grant = AllowedMethods.template("/api/v1/grants/" + "/{id}");
    assertThat(grant.matcher("/api/v1/grants/8a3e").matches()).isTrue();
    assertThat(grant.matcher("/api/v1/grants/8a3e/").matches()).isTrue();
    assertThat(grant.matcher("/api/v1/grants/8a3e/award").matches()).isFalse();
    assertThat(grant.matcher("/api/v1/grants").matches()).isFalse();
  }

  @Test
  void shouldHonourAVariablesOwnExpressionAndQuoteTheRest() {
    Pattern year = AllowedMethods.template("/programs/{code}/fiscal-years/{year: [0-9]{4}}");
    assertThat(year.matcher("/programs/WPI/fiscal-years/2027").matches()).isTrue();
    assertThat(year.matcher("/programs/WPI/fiscal-years/27").matches()).isFalse();
    assertThat(AllowedMethods.template("/a.b/").matcher("/aXb").matches()).isFalse();
    assertThat(AllowedMethods.template("/a.b/").matcher("/a.b").matches()).isTrue();
  }
}
