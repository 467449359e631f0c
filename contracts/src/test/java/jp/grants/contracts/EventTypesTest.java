package jp.grants.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.grant.ProposalSubmitted;
import org.junit.jupiter.api.Test;

class EventTypesTest {
  private final ObjectMapper json = EventJson.newMapper();

  @Test
  void everyPublishedEventHasAStableNameAndASchemaVersion() {
    assertThat(EventTypes.all()).hasSize(23).doesNotHaveDuplicates();
    assertThat(EventTypes.nameOf(ProposalSubmitted.class))
        .isEqualTo("jp.grants.grant.ProposalSubmitted");
    assertThat(EventTypes.nameOf(jp.grants.contracts.ledger.FundsDisbursed.class))
        .isEqualTo("jp.grants.ledger.FundsDisbursed");
    for (String name : EventTypes.all()) {
      Class<?> type = EventTypes.classOf(name).orElseThrow();
      assertThat(EventTypes.schemaVersionOf(type)).isPositive();
      assertThat(type.isRecord()).as(name + " is an immutable record").isTrue();
    }
  }

  @Test
  void aClassThatIsNotAnEventHasNoName() {
    assertThatThrownBy(() -> EventTypes.nameOf(String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(EventTypes.classOf("jp.grants.grant.Unknown")).isEmpty();
  }

  @Test
  void everyEventSurvivesAJsonRoundTrip() throws Exception {
    for (String name : EventTypes.all()) {
      Class<?> type = EventTypes.classOf(name).orElseThrow();
      Object sample = sample(type);
      String text = json.writeValueAsString(sample);
      assertThat(json.readValue(text, type)).as(name).isEqualTo(sample);
    }
  }

  @Test
  void negativeAmountsAreNotMoney() {
    assertThatThrownBy(() -> new FiscalYearAmount(2025, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalsOverflowLoudlyInsteadOfWrapping() {
    var huge = List.of(new FiscalYearAmount(2025, Long.MAX_VALUE), new FiscalYearAmount(2026, 1));
    assertThatThrownBy(() -> FiscalYearAmount.total(huge)).isInstanceOf(ArithmeticException.class);
  }

  /** A record with every component set to a non-default value. */
  static Object sample(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(components[i].getType(), components[i].getGenericType(), i);
    }
    Constructor<?> constructor = type.getDeclaredConstructor(types);
    return constructor.newInstance(args);
  }

  private static Object value(Class<?> type, Type generic, int i) throws Exception {
    if (type == UUID.class) return UUID.nameUUIDFromBytes(new byte[] {(byte) i});
    if (type == String.class) return "text-" + i;
    if (type == int.class || type == Integer.class) return 2025 + i;
    if (type == long.class || type == Long.class) return 1_000_000L * (i + 1);
    if (type == boolean.class) return true;
    if (type == LocalDate.class) return LocalDate.of(2027, 3, 31);
    if (type.isEnum()) return type.getEnumConstants()[i % type.getEnumConstants().length];
    if (type.isRecord()) return sample(type);
    if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Class<?> elementClass = (Class<?>) element;
      return List.of(value(elementClass, elementClass, i), value(elementClass, elementClass, i + 1));
    }
    throw new IllegalArgumentException("no sample for " + type);
  }
}
