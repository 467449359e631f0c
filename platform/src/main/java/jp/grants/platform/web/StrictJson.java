package jp.grants.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Request bodies are read strictly, so that a client's mistake is refused (400) instead of being
 * guessed at. Jackson's lenient defaults would otherwise turn {@code "amountYen": 1.9} into 1 yen,
 * {@code "expenseCategory": 0} into the first category, {@code "fiscalYear": "2025"} into a number,
 * silently drop a field the API does not have (e.g. a smuggled {@code "actor"}), let the last of
 * two equal keys win, and ignore whatever follows the JSON value.
 *
 * <p>Dates outside the years {@value #FIRST_YEAR} to {@value #LAST_YEAR} are refused as unreadable:
 * the platform's fiscal years run from 2000 to 2100, so such a date is never meant, and refusing it
 * here keeps year 0001 or 9999 from reaching a rule or a column. Each request still checks its own
 * narrower range.
 *
 * <p>{@code null} is refused for every field, required or not: a client leaves out a field it has
 * no value for. The API's schemas say {@code "type": "string"}, not a null, and a stored null is
 * what the reading side then trips over (issue 17). Texts refuse control characters: see {@link
 * ControlCharacters}; a field marked {@link FreeText} may hold tabs and line breaks.
 *
 * <p>This customizes the CDI {@link ObjectMapper} that Quarkus REST reads bodies with. Events are
 * read with {@code EventJson}'s own mapper, which stays tolerant of fields added by newer
 * producers; another service's answers are read with {@link #forAnswers}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  static final int FIRST_YEAR = 1900;
  static final int LAST_YEAR = 2199;

  /**
   * A deserialization attribute: when set, texts are read as they come (another service's answers).
   */
  static final String ANSWERS = "jp.grants.platform.json.answers";

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    mapper.registerModule(
        new SimpleModule("plain-text").addDeserializer(String.class, new PlainText(false)));
    // Numbers are numbers, texts are texts, booleans are booleans: no conversions between them.
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    // Wraps whichever LocalDate deserializer is registered (Quarkus adds the java.time module in a
    // customizer of its own, in an order not ours to rely on): the check applies to it either way.
    mapper.registerModule(
        new SimpleModule("sane-dates")
            .setDeserializerModifier(
                new BeanDeserializerModifier() {
                  @Override
                  public JsonDeserializer<?> modifyDeserializer(
                      DeserializationConfig config,
                      BeanDescription description,
                      JsonDeserializer<?> deserializer) {
                    return new RefuseNull(
                        description.getBeanClass() == LocalDate.class
                            ? new SaneDate(deserializer)
                            : deserializer);
                  }

                  @Override
                  public JsonDeserializer<?> modifyEnumDeserializer(
                      DeserializationConfig config,
                      JavaType type,
                      BeanDescription description,
                      JsonDeserializer<?> deserializer) {
                    return new RefuseNull(deserializer);
                  }

                  @Override
                  public JsonDeserializer<?> modifyCollectionDeserializer(
                      DeserializationConfig config,
                      CollectionType type,
                      BeanDescription description,
                      JsonDeserializer<?> deserializer) {
                    return new RefuseNull(deserializer);
                  }

                  @Override
                  public JsonDeserializer<?> modifyMapDeserializer(
                      DeserializationConfig config,
                      MapType type,
                      BeanDescription description,
                      JsonDeserializer<?> deserializer) {
                    return new RefuseNull(deserializer);
                  }

                  @Override
                  public JsonDeserializer<?> modifyArrayDeserializer(
                      DeserializationConfig config,
                      ArrayType type,
                      BeanDescription description,
                      JsonDeserializer<?> deserializer) {
                    return new RefuseNull(deserializer);
                  }
                }));
  }

  /**
   * A copy of the service's mapper to read another service's answers with: unknown fields are
   * ignored (that service may add some), nulls are taken (they mean "none yet" there) and texts are
   * read as they come (that service checked its own input).
   */
  public static ObjectMapper forAnswers(ObjectMapper strict) {
    ObjectMapper answers = strict.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    answers.setConfig(answers.getDeserializationConfig().withAttribute(ANSWERS, Boolean.TRUE));
    return answers;
  }

  /**
   * Refuses an explicit {@code null} for a value of any type, and lets an absent one through (a
   * record's missing component is null, as before). Jackson's own {@code Nulls.FAIL} cannot tell
   * the two apart for a record: it refuses a left-out optional field as well. The refusal gets the
   * field's path from Jackson, so the problem names it.
   */
  static final class RefuseNull extends DelegatingDeserializer {
    RefuseNull(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new RefuseNull(delegate);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
      if (context.getAttribute(ANSWERS) != null) {
        return _delegatee.getNullValue(context);
      }
      Class<?> type = handledType() == null ? Object.class : handledType();
      throw InvalidNullException.from(context, null, context.constructType(type));
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) throws JsonMappingException {
      return _delegatee.getAbsentValue(context);
    }

    @Override
    public AccessPattern getNullAccessPattern() {
      return AccessPattern.DYNAMIC; // never cache the null value: it is a refusal
    }
  }

  /**
   * A text without control characters ({@link ControlCharacters}); a {@link FreeText} field may
   * hold tabs and line breaks. The refusal names the field (Jackson adds its path) and the
   * character.
   */
  static final class PlainText extends StdScalarDeserializer<String>
      implements ContextualDeserializer {
    private final boolean freeText;

    PlainText(boolean freeText) {
      super(String.class);
      this.freeText = freeText;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) {
      boolean free = property != null && property.getAnnotation(FreeText.class) != null;
      return free == freeText ? this : new PlainText(free);
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
      return true;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = StringDeserializer.instance.deserialize(parser, context);
      if (text == null || context.getAttribute(ANSWERS) != null) {
        return text;
      }
      int at = ControlCharacters.firstForbidden(text, freeText);
      if (at >= 0) {
        throw InvalidFormatException.from(
            parser,
            (freeText ? ControlCharacters.FREE_TEXT_RULE : ControlCharacters.RULE)
                + "; found "
                + ControlCharacters.codePoint(text.charAt(at))
                + " at index "
                + at,
            ControlCharacters.printable(text),
            String.class);
      }
      return text;
    }
  }

  /**
   * An ISO-8601 date text ({@code 2027-09-01}) whose year lies in {@value #FIRST_YEAR} to {@value
   * #LAST_YEAR}; numbers (epoch days) and arrays are refused.
   */
  static final class SaneDate extends DelegatingDeserializer {
    SaneDate(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new SaneDate(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return context.handleUnexpectedToken(
            LocalDate.class,
            parser.currentToken(),
            parser,
            "a date is an ISO-8601 text such as \"2027-09-01\"");
      }
      Object value = super.deserialize(parser, context);
      if (value instanceof LocalDate date
          && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
        throw InvalidFormatException.from(
            parser,
            "a date must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR,
            date.toString(),
            LocalDate.class);
      }
      return value;
    }
  }
}
