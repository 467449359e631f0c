package jp.grants.catalog;

/**
 * A refusal by a named rule of the domain. {@link Kind#CONFLICT} means the request is fine but the
 * state of the resource forbids it now (HTTP 409); {@link Kind#UNPROCESSABLE} means the request
 * itself breaks a rule of its program (HTTP 422).
 */
public class RuleViolation extends RuntimeException {
  public enum Kind {
    CONFLICT,
    UNPROCESSABLE
  }

  private final String rule;
  private final Kind kind;

  public RuleViolation(String rule, Kind kind, String message) {
    super(message);
    this.rule = rule;
    this.kind = kind;
  }

  public static RuleViolation conflict(String rule, String message) {
    return new RuleViolation(rule, Kind.CONFLICT, message);
  }

  public static RuleViolation unprocessable(String rule, String message) {
    return new RuleViolation(rule, Kind.UNPROCESSABLE, message);
  }

  /** The rule's stable name, e.g. {@code WPI-CORE-STEP-UP-REQUIRES-PASSED-GATE}. */
  public String rule() {
    return rule;
  }

  public Kind kind() {
    return kind;
  }
}
