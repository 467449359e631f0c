package jp.grants.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource method runs, a request whose headers, path parameters or query
 * parameters carry a control character ({@link ControlCharacters}): 400, the problem naming each
 * such parameter. Without it {@code ?program=%00} reaches PostgreSQL, which refuses U+0000 in a
 * text, and the caller gets a 500; the other controls would reach logs and stored rows.
 *
 * <p>It also refuses a request whose {@code Idempotency-Key} header is present but unusable, before
 * it reaches a resource: Quarkus REST hands an empty header to a resource as if it were absent,
 * which would quietly turn a retry-safe request into one that is not. The key's grammar and its
 * refusal (400 {@code IDEMPOTENCY-KEY-INVALID}) are {@link Idempotency}'s, the same in every
 * service.
 */
public class HeaderHygiene {
  public static final String IDEMPOTENCY_KEY = Idempotency.HEADER;

  /** Runs before the other filters of the platform: what they read is known to be clean. */
  @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
  public Response refuseControlCharacters(ContainerRequestContext request, UriInfo uri) {
    List<Problem.FieldError> errors = new ArrayList<>();
    inspect("header", request.getHeaders(), errors);
    inspect("path parameter", uri.getPathParameters(true), errors);
    inspect("query parameter", uri.getQueryParameters(true), errors);
    if (errors.isEmpty()) {
      return null;
    }
    return Problem.of(
            Response.Status.BAD_REQUEST,
            "invalid-request",
            errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(java.util.stream.Collectors.joining("; ")))
        .withErrors(errors)
        .at(ControlCharacters.printable(uri.getPath()))
        .toResponse();
  }

  private static void inspect(
      String where, Map<String, List<String>> parameters, List<Problem.FieldError> errors) {
    parameters.forEach(
        (name, values) -> {
          if (ControlCharacters.firstForbidden(name, false) >= 0) {
            errors.add(
                new Problem.FieldError(
                    ControlCharacters.printable(name),
                    "the name of a " + where + " " + ControlCharacters.RULE));
            return;
          }
          for (String value : values) {
            int at = value == null ? -1 : ControlCharacters.firstForbidden(value, false);
            if (at >= 0) {
              errors.add(
                  new Problem.FieldError(
                      name,
                      "a "
                          + where
                          + " "
                          + ControlCharacters.RULE
                          + "; found "
                          + ControlCharacters.codePoint(value.charAt(at))
                          + " at index "
                          + at));
              return;
            }
          }
        });
  }

  @ServerRequestFilter
  public Response checkIdempotencyKey(ContainerRequestContext request, UriInfo uri) {
    List<String> keys = request.getHeaders().get(IDEMPOTENCY_KEY);
    if (keys == null) {
      return null;
    }
    if (keys.size() != 1 || !Idempotency.wellFormed(keys.get(0))) {
      return Idempotency.invalid(keys.size() != 1 ? "repeated" : "malformed", uri.getPath())
          .toResponse();
    }
    return null;
  }
}
