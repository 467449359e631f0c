package jp.grants.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Request bodies are read strictly, so that a client's mistake is refused (400) instead of being
 * guessed at. Jackson's lenient defaults would otherwise turn {@code "amountYen": 1.9} into 1 yen,
 * {@code "expenseCategory": 0} into the first category, {@code "fiscalYear": "2025"} into a number,
 * silently drop a field the API does not have (e.g. a smuggled {@code "actor"}), let the last of two
 * equal keys win, and ignore whatever follows the JSON value.
 *
 * <p>Dates outside the years {@value #FIRST_YEAR} to {@value #LAST_YEAR} are refused as unreadable:
 * the platform's fiscal years run from 2000 to 2100, so such a date is never meant, and refusing it
 * here keeps year 0001 or 9999 from reaching a rule or a column. Each request still checks its own
 * narrower range.
 *
 * <p>This customizes the CDI {@link ObjectMapper} that Quarkus REST reads bodies with. Events are
 * read with {@code EventJson}'s own mapper, which stays tolerant of fields added by newer producers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  static final int FIRST_YEAR = 1900;
  static final int LAST_YEAR = 2199;

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
    // Numbers are numbers, texts are texts, booleans are booleans: no conversions between them.
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    // Wraps whichever LocalDate deserializer is registered (Quarkus adds the java.time module in a
    // customizer of its own, in an order not ours to rely on): the check applies to it either way.
    mapper.registerModule(new SimpleModule("sane-dates").setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
          JsonDeserializer<?> deserializer) {
        return description.getBeanClass() == LocalDate.class ? new SaneDate(deserializer) : deserializer;
      }
    }));
  }

  /**
   * An ISO-8601 date text ({@code 2027-09-01}) whose year lies in {@value #FIRST_YEAR} to
   * {@value #LAST_YEAR}; numbers (epoch days) and arrays are refused.
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
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return context.handleUnexpectedToken(LocalDate.class, parser.currentToken(), parser,
            "a date is an ISO-8601 text such as \"2027-09-01\"");
      }
      Object value = super.deserialize(parser, context);
      if (value instanceof LocalDate date && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
        throw InvalidFormatException.from(parser,
            "a date must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR, date.toString(), LocalDate.class);
      }
      return value;
    }
  }
}
