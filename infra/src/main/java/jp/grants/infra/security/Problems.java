package jp.grants.infra.security;

import io.restassured.response.Response;
import java.util.Optional;
import jp.grants.infra.security.Malformed.Request;

/**
 * Whether an answer to a malformed request is what it must be: a 4xx RFC 9457 problem saying what
 * is wrong.
 */
public final class Problems {
  private Problems() {}

  /** A description of what is wrong with the answer, or empty when it is a proper refusal. */
  public static Optional<String> check(Request request, Response response) {
    int status = response.statusCode();
    String what = request.defect() + " -> " + status;
    if (status < 400 || status > 499) {
      return Optional.of(what + " " + Malformed.abbreviate(response.asString()));
    }
    String type = response.contentType();
    if (type == null || !type.startsWith("application/problem+json")) {
      return Optional.of(what + " with content type " + type);
    }
    try {
      Integer inBody = response.jsonPath().get("status");
      String detail = response.jsonPath().getString("detail");
      if (inBody == null || inBody != status || detail == null || detail.isBlank()) {
        return Optional.of(what + " with problem " + Malformed.abbreviate(response.asString()));
      }
    } catch (RuntimeException e) {
      return Optional.of(
          what + " with an unreadable problem body " + Malformed.abbreviate(response.asString()));
    }
    return Optional.empty();
  }
}
