package jp.grants.grant.command;

import jp.grants.contracts.rule.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by the named rule (and, optionally, words its message must contain). */
final class RefusedBy extends TypeSafeMatcher<RuleViolation> {
  private final String rule;
  private final String[] words;

  private RefusedBy(String rule, String... words) {
    this.rule = rule;
    this.words = words;
  }

  static Matcher<RuleViolation> refusedBy(String rule, String... words) {
    return new RefusedBy(rule, words);
  }

  @Override
  protected boolean matchesSafely(RuleViolation violation) {
    if (!rule.equals(violation.ruleName())) {
      return false;
    }
    for (String word : words) {
      if (!violation.getMessage().contains(word)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void describeTo(Description description) {
    description
        .appendText("a refusal by rule ")
        .appendValue(rule)
        .appendText(" mentioning ")
        .appendValueList("", ", ", "", words);
  }

  @Override
  protected void describeMismatchSafely(RuleViolation item, Description mismatch) {
    mismatch
        .appendText("was ")
        .appendValue(item.ruleName())
        .appendText(": ")
        .appendValue(item.getMessage());
  }
}
