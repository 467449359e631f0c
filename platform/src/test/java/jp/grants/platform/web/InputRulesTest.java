package jp.grants.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The patterns the documents state say what the services check: a text the pattern accepts is one
 * the edge accepts (no control character; a {@link FreeText} may hold tab and line breaks), and
 * {@link NotBlank} and {@code @Pattern} keep their Java meaning.
 */
class InputRulesTest {
  private static final List<String> TEXTS =
      List.of(
          "",
          " ",
          "Tohoku University",
          "東北大学",
          "\u3000",
          "a\u0000b",
          "\u0007",
          "line\nbreak",
          "tab\there",
          "\r\n",
          "del\u007F",
          " x ",
          "\ud83d\ude00");

  @Test
  void shouldAcceptExactlyTheTextsWithoutControlCharacters() {
    for (boolean free : new boolean[] {false, true}) {
      Pattern pattern = ecma(InputRules.text(null, free));
      for (String text : TEXTS) {
        assertThat(pattern.matcher(text).find())
            .as("%s (free text: %s)", printable(text), free)
            .isEqualTo(ControlCharacters.firstForbidden(text, free) < 0);
      }
    }
  }

  @Test
  void shouldReadNotBlankAsJavaDoesTogetherWithTheControlCharacters() {
    for (boolean free : new boolean[] {false, true}) {
      Pattern pattern = ecma(InputRules.text("\\S", free));
      for (String text : TEXTS) {
        boolean javaAccepts =
            !text.trim().isEmpty() && ControlCharacters.firstForbidden(text, free) < 0;
        assertThat(pattern.matcher(text).find())
            .as("%s (free text: %s)", printable(text), free)
            .isEqualTo(javaAccepts);
      }
    }
  }

  @Test
  void shouldAnchorABeanValidationPatternToTheWholeText() {
    Pattern grade = ecma(InputRules.text("[SABC]", false));
    assertThat(grade.matcher("S").find()).isTrue();
    assertThat(grade.matcher("xSx").find()).isFalse();
    Pattern version = ecma(InputRules.text("[0-9A-Za-z.-]+", false));
    assertThat(version.matcher("2026.12.3").find()).isTrue();
    assertThat(version.matcher("2026 12").find()).isFalse();
    assertThat(InputRules.text("^[A-Z]{2}$", false)).isEqualTo("^[A-Z]{2}$");
  }

  @Test
  void shouldAddTheControlCheckOnlyWhereAPatternCouldLetOneThrough() {
    assertThat(InputRules.excludesControls("[A-Z0-9-]{1,50}")).isTrue();
    assertThat(InputRules.excludesControls("OPEN|CLOSED")).isTrue();
    assertThat(InputRules.excludesControls("[^,]+")).isFalse();
    assertThat(InputRules.excludesControls(".+")).isFalse();
    assertThat(InputRules.excludesControls("\\S+")).isFalse();
    Pattern anything = ecma(InputRules.text(".+", false));
    assertThat(anything.matcher("a\u0000").find()).isFalse();
    assertThat(anything.matcher("ab").find()).isTrue();
  }

  /**
   * The pattern as JSON Schema (ECMA-262) reads it: its {@code $} is the end of the text, where
   * Java's also matches before a final line break.
   */
  private static Pattern ecma(String pattern) {
    return Pattern.compile(
        pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern);
  }

  private static String printable(String text) {
    return ControlCharacters.printable(text);
  }
}
