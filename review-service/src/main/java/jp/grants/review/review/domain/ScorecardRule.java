package jp.grants.review.review.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.grants.review.rule.ReviewRule;

/**
 * A scorecard scores each evaluation axis of its program exactly once, 1 to 5, with a comment: a
 * review of a WPI center covers all eight axes under the three missions, none left out.
 */
public final class ScorecardRule {

  private ScorecardRule() {}

  public static void check(String programCode, List<String> axisCodes, List<AxisScore> scores) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> repeated = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (AxisScore score : scores) {
      if (!axisCodes.contains(score.axis())) {
        unknown.add(score.axis());
      } else if (!seen.add(score.axis())) {
        repeated.add(score.axis());
      }
      if (score.score() < 1 || score.score() > 5) {
        throw ReviewRule.SCORECARD_COVERS_AXES.violation(
            score.axis() + " is scored " + score.score() + "; scores run from 1 to 5");
      }
      if (score.comment() == null || score.comment().isBlank()) {
        throw ReviewRule.SCORECARD_COVERS_AXES.violation(
            score.axis() + " has no comment; every score needs one");
      }
    }
    List<String> missing = axisCodes.stream().filter(axis -> !seen.contains(axis)).toList();
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing axes " + missing);
    }
    if (!unknown.isEmpty()) {
      problems.add("axes " + unknown + " are not axes of " + programCode);
    }
    if (!repeated.isEmpty()) {
      problems.add("axes " + repeated + " are scored more than once");
    }
    if (!problems.isEmpty()) {
      throw ReviewRule.SCORECARD_COVERS_AXES.violation(
          "a "
              + programCode
              + " scorecard scores each of its "
              + axisCodes.size()
              + " axes "
              + axisCodes
              + " once: "
              + String.join("; ", problems));
    }
  }
}
