package jp.grants.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import jp.grants.contracts.grant.ProposalSubmitted;
import org.junit.jupiter.api.Test;

class EventTypesTest {
  private final ObjectMapper json = EventJson.newMapper();

  @Test
  void everyPublishedEventHasAStableNameAndASchemaVersion() {
    assertThat(EventTypes.all()).hasSize(46).doesNotHaveDuplicates();
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
    return EventSamples.sample(type);
  }
}
