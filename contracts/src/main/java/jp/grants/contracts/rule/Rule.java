package jp.grants.contracts.rule;

/**
 * A named rule of the domain: its stable wire name (a refusal's problem {@code rule}, an event's
 * {@code rule} field, a stored refusal) and the kind of refusal it makes. Each service names its
 * rules as constants of one enum implementing this interface; the rules the services share live in
 * the catalog's.
 */
public interface Rule {
  /**
   * The kind of a refusal, and the HTTP status it is answered with: {@link #CONFLICT} the request
   * is fine but the state of the resource forbids it now (409); {@link #UNPROCESSABLE} the request
   * itself breaks a rule of its program (422); {@link #FORBIDDEN} the caller's role may not ask it
   * (403); {@link #NOT_FOUND} the resource the request names does not exist (404).
   */
  enum Kind {
    CONFLICT(409, "Refused by the resource's state"),
    UNPROCESSABLE(422, "Refused by a program rule"),
    FORBIDDEN(403, "Not allowed to this role"),
    NOT_FOUND(404, "Not Found");

    private final int status;
    private final String title;

    Kind(int status, String title) {
      this.status = status;
      this.title = title;
    }

    /** The HTTP status a refusal of this kind is answered with. */
    public int status() {
      return status;
    }

    /** The problem's title for a refusal of this kind. */
    public String title() {
      return title;
    }
  }

  /** The rule's stable wire name, e.g. {@code GRANT-STATUS}: clients may rely on it. */
  String code();

  Kind kind();

  /** A refusal by this rule, saying in words (and figures) what was asked and what is allowed. */
  default RuleViolation violation(String message) {
    return new RuleViolation(this, message);
  }
}
