package jp.grants.contracts.rule;

import java.util.Objects;

/**
 * A refusal by a named rule of the domain. Its status comes from the rule's {@link Rule#kind()}:
 * 409 for the state of the resource, 422 for a rule of the program.
 */
public class RuleViolation extends RuntimeException {
  private final Rule rule;

  public RuleViolation(Rule rule, String message) {
    super(message);
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public Rule rule() {
    return rule;
  }

  /** The rule's stable wire name, e.g. {@code GRANT-STATUS}. */
  public String ruleName() {
    return rule.code();
  }

  public Rule.Kind kind() {
    return rule.kind();
  }
}
