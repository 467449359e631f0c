package jp.grants.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import jp.grants.contracts.rule.Rule;
import jp.grants.contracts.rule.RuleViolation;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem; {@code urn:jp-grants:problem:rule:<RULE>} for a
 *     refusal by a named domain rule
 * @param rule the named rule that refused the request, if one did
 * @param errors the fields that were wrong, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String rule,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One wrong field: where, and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public static Problem of(Response.StatusType status, String kind, String detail) {
    return new Problem(
        URI.create("urn:jp-grants:problem:" + kind),
        status.getReasonPhrase(),
        status.getStatusCode(),
        detail,
        null,
        null,
        List.of());
  }

  public static Problem ofRule(int status, String title, String rule, String detail) {
    return new Problem(
        URI.create("urn:jp-grants:problem:rule:" + rule),
        title,
        status,
        detail,
        null,
        rule,
        List.of());
  }

  /** The problem of a refusal by a rule: its kind's status and title, its wire name. */
  public static Problem ofRule(Rule rule, String detail) {
    return ofRule(rule.kind().status(), rule.kind().title(), rule.code(), detail);
  }

  /**
   * The problem a refusal by a named rule is answered with: the status of the rule's kind (409 for
   * state, 422 for program rules).
   */
  public static Problem of(RuleViolation violation) {
    return ofRule(violation.rule(), violation.getMessage());
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, rule, List.copyOf(fieldErrors));
  }

  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, rule, errors);
  }

  /**
   * A 503 that says what is unavailable (the database, the service's capacity) and when to try
   * again ({@code Retry-After}, seconds): nothing was done, and a retry may succeed.
   */
  public static Response unavailable(String detail, int retryAfterSeconds, String path) {
    return Response.fromResponse(
            of(Response.Status.SERVICE_UNAVAILABLE, "unavailable", detail).at(path).toResponse())
        .header("Retry-After", String.valueOf(retryAfterSeconds))
        .build();
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
