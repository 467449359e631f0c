package jp.grants.review.review.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jp.grants.catalog.EvaluationAxis;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;

class ScorecardRuleTest {
  private static final List<String> WPI_AXES =
      ProgramCatalog.load().require("WPI").evaluationAxes().stream()
          .map(EvaluationAxis::code)
          .toList();

  @Test
  void wpiScorecardsCoverEightAxesUnderThreeMissions() {
    var axes = ProgramCatalog.load().require("WPI").evaluationAxes();
    org.assertj.core.api.Assertions.assertThat(axes).hasSize(8);
    org.assertj.core.api.Assertions.assertThat(
            axes.stream().map(EvaluationAxis::mission).distinct())
        .hasSize(3);
  }

  @Test
  void acceptsEveryAxisScoredOnceWithAComment() {
    assertThatCode(() -> ScorecardRule.check("WPI", WPI_AXES, all(4))).doesNotThrowAnyException();
  }

  @Test
  void refusesAScorecardThatLeavesAnAxisOutAndNamesIt() {
    List<AxisScore> scores = new ArrayList<>(all(4));
    scores.removeIf(s -> s.axis().equals("SUSTAINABLE-CENTER"));

    assertThatThrownBy(() -> ScorecardRule.check("WPI", WPI_AXES, scores))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v ->
                org.assertj.core.api.Assertions.assertThat(v.ruleName())
                    .isEqualTo("SCORECARD-COVERS-AXES"))
        .hasMessageContaining("missing axes [SUSTAINABLE-CENTER]");
  }

  @Test
  void refusesAnAxisTheProgramDoesNotHave() {
    List<AxisScore> scores = new ArrayList<>(all(4));
    scores.add(new AxisScore("FEASIBILITY", 3, "not a WPI axis"));

    assertThatThrownBy(() -> ScorecardRule.check("WPI", WPI_AXES, scores))
        .hasMessageContaining("axes [FEASIBILITY] are not axes of WPI");
  }

  @Test
  void refusesAnAxisScoredTwice() {
    List<AxisScore> scores = new ArrayList<>(all(4));
    scores.add(new AxisScore("RESEARCH-IMPACT", 3, "again"));

    assertThatThrownBy(() -> ScorecardRule.check("WPI", WPI_AXES, scores))
        .hasMessageContaining("[RESEARCH-IMPACT] are scored more than once");
  }

  @Test
  void refusesScoresOutsideOneToFiveAndBlankComments() {
    List<AxisScore> six = new ArrayList<>(all(4));
    six.set(0, new AxisScore(six.get(0).axis(), 6, "too high"));
    List<AxisScore> blank = new ArrayList<>(all(4));
    blank.set(0, new AxisScore(blank.get(0).axis(), 3, "  "));

    assertThatThrownBy(() -> ScorecardRule.check("WPI", WPI_AXES, six))
        .hasMessageContaining("scores run from 1 to 5");
    assertThatThrownBy(() -> ScorecardRule.check("WPI", WPI_AXES, blank))
        .hasMessageContaining("has no comment");
  }

  private static List<AxisScore> all(int score) {
    return WPI_AXES.stream()
        .map(axis -> new AxisScore(axis, score, "evidence for " + axis))
        .toList();
  }
}
