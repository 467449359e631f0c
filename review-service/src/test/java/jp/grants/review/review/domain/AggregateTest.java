package jp.grants.review.review.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregateTest {

  @ParameterizedTest(name = "{0}/{1} = {2} hundredths")
  @CsvSource({
    "17, 4, 425",
    "13, 3, 433",
    "5, 3, 167",
    "1, 8, 13",
    "3, 8, 38",
    "5, 1, 500",
    "103, 24, 429",
    "7, 2, 350",
    "1, 200, 1",
    "1, 201, 0"
  })
  void meansAreExactHundredthsRoundedHalfUp(long sum, long count, int hundredths) {
    assertThat(Hundredths.mean(sum, count)).isEqualTo(hundredths);
  }

  @Test
  void formatsHundredthsAsADecimal() {
    assertThat(Hundredths.format(425)).isEqualTo("4.25");
    assertThat(Hundredths.format(407)).isEqualTo("4.07");
  }

  @Test
  void aggregatesEachAxisAndTheOverallMeanOverAllScorecards() {
    List<String> axes = List.of("A", "B");
    List<List<AxisScore>> cards =
        List.of(
            List.of(score("A", 5), score("B", 4)),
            List.of(score("A", 4), score("B", 4)),
            List.of(score("A", 4), score("B", 3)),
            List.of(score("A", 4), score("B", 2)));

    Aggregate aggregate = Aggregate.of(axes, cards);

    assertThat(aggregate.scorecards()).isEqualTo(4);
    assertThat(aggregate.axes())
        .containsExactly(new Aggregate.AxisMean("A", 425), new Aggregate.AxisMean("B", 325));
    assertThat(aggregate.overallMeanHundredths()).isEqualTo(375);
  }

  @Test
  void nothingScoredHasNoMeans() {
    Aggregate aggregate = Aggregate.of(List.of("A"), List.of());

    assertThat(aggregate.overallMeanHundredths()).isNull();
    assertThat(aggregate.axes()).containsExactly(new Aggregate.AxisMean("A", null));
  }

  private static AxisScore score(String axis, int value) {
    return new AxisScore(axis, value, "because");
  }
}
