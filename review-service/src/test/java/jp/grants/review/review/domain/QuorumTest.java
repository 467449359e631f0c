package jp.grants.review.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumTest {

  @ParameterizedTest(name = "{0} assigned at {1}% need {2}")
  @CsvSource({
    "3, 67, 3",
    "4, 67, 3",
    "6, 67, 5",
    "9, 67, 7",
    "1, 67, 1",
    "2, 50, 1",
    "10, 50, 5",
    "0, 67, 1",
    "100, 67, 67"
  })
  void requiresTheQuorumShareOfAssignedReviewersRoundedUpAndAtLeastOne(
      int assigned, int percent, int required) {
    assertThat(new Quorum("WPI", assigned, 0, percent).required()).isEqualTo(required);
  }

  @Test
  void isMetWhenEnoughAssignedReviewersScored() {
    assertThat(new Quorum("WPI", 4, 3, 67).met()).isTrue();
    new Quorum("WPI", 4, 3, 67).require();
  }

  @Test
  void refusesBelowQuorumWithTheFigures() {
    assertThatThrownBy(() -> new Quorum("WPI", 4, 2, 67).require())
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.ruleName()).isEqualTo("REVIEW-QUORUM"))
        .hasMessageContaining("2 of 4 assigned reviewer(s) have scored; WPI needs 3");
  }

  @Test
  void noAssignedReviewerIsNeverAQuorum() {
    assertThat(new Quorum("WPI", 0, 0, 67).met()).isFalse();
  }
}
