package jp.grants.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request bodies refuse nulls and control characters; another service's answers are read as they
 * come.
 */
class StrictJsonTextTest {
  record Conflict(String kind, String value, @FreeText String reason, List<String> tags) {}

  private final ObjectMapper strict = strict();

  private static ObjectMapper strict() {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    return mapper;
  }

  @Test
  void shouldReadAnOmittedOptionalFieldAsAbsent() throws Exception {
    Conflict read =
        strict.readValue("{\"kind\":\"PERSON\",\"value\":\"Aiko Sato\"}", Conflict.class);
    assertThat(read.reason()).isNull();
    assertThat(read.tags()).isNull();
  }

  @Test
  void shouldRefuseAnExplicitNullNamingTheField() {
    assertThatThrownBy(
            () ->
                strict.readValue(
                    "{\"kind\":\"PERSON\",\"value\":\"x\",\"reason\":null}", Conflict.class))
        .isInstanceOf(InvalidNullException.class)
        .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo("reason"));
    assertThatThrownBy(
            () ->
                strict.readValue(
                    "{\"kind\":\"PERSON\",\"value\":\"x\",\"tags\":[\"a\",null]}", Conflict.class))
        .isInstanceOf(InvalidNullException.class);
  }

  @Test
  void shouldRefuseControlCharactersInAPlainTextNamingTheField() {
    for (String bad :
        List.of("\\u0000", "a\\u0001b", "line\\nbreak", "tab\\there", "\\u007f", "\\u001b[31m")) {
      assertThatThrownBy(
              () ->
                  strict.readValue(
                      "{\"kind\":\"PERSON\",\"value\":\"" + bad + "\"}", Conflict.class))
          .as(bad)
          .isInstanceOf(InvalidFormatException.class)
          .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo("value"))
          .hasMessageContaining("control characters");
    }
    assertThatThrownBy(
            () ->
                strict.readValue(
                    "{\"kind\":\"PERSON\",\"value\":\"x\",\"tags\":[\"ok\",\"b\\u0000\"]}",
                    Conflict.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  @Test
  void shouldLetFreeTextHoldLineBreaksAndTabsButNoOtherControl() throws Exception {
    Conflict read =
        strict.readValue(
            "{\"kind\":\"PERSON\",\"value\":\"Aiko Sato\",\"reason\":\"co-author\\r\\n\\tof the PI\"}",
            Conflict.class);
    assertThat(read.reason()).isEqualTo("co-author\r\n\tof the PI");
    assertThatThrownBy(
            () ->
                strict.readValue(
                    "{\"kind\":\"PERSON\",\"value\":\"x\",\"reason\":\"a\\u0000\"}",
                    Conflict.class))
        .isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo("reason"));
    assertThat(
            strict.readValue("{\"kind\":\"PERSON\",\"value\":\"日本語 é ß\"}", Conflict.class).value())
        .isEqualTo("日本語 é ß");
  }

  @Test
  void shouldStillRefuseNumbersForTexts() {
    assertThatThrownBy(() -> strict.readValue("{\"kind\":\"PERSON\",\"value\":42}", Conflict.class))
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void shouldReadAnotherServicesAnswersAsTheyCome() throws Exception {
    ObjectMapper answers = StrictJson.forAnswers(strict);
    Conflict read =
        answers.readValue(
            "{\"kind\":\"PERSON\",\"value\":\"a\\u0001\",\"reason\":null,\"later\":1}",
            Conflict.class);
    assertThat(read.value()).isEqualTo("a\u0001");
    assertThat(read.reason()).isNull();
    // the strict mapper it was copied from is unchanged
    assertThatThrownBy(
            () -> strict.readValue("{\"kind\":\"PERSON\",\"value\":\"a\\u0001\"}", Conflict.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().get(e.getPath().size() - 1).getFieldName();
  }
}
