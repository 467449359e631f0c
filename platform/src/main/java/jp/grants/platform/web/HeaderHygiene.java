package jp.grants.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Pattern;
import jp.grants.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose {@code Idempotency-Key} header is present but unusable, before it reaches
 * a resource: Quarkus REST hands an empty header to a resource as if it were absent, which would
 * quietly turn a retry-safe request into one that is not. A key is 1 to 200 visible ASCII characters
 * and is sent once (draft-ietf-httpapi-idempotency-key-header); a service may ask for more.
 */
public class HeaderHygiene {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  @ServerRequestFilter
  public Response checkIdempotencyKey(ContainerRequestContext request, UriInfo uri) {
    List<String> keys = request.getHeaders().get(IDEMPOTENCY_KEY);
    if (keys == null) {
      return null;
    }
    if (keys.size() != 1 || keys.get(0) == null || !KEY.matcher(keys.get(0)).matches()) {
      return Problem.of(Response.Status.BAD_REQUEST, "invalid-request", IDEMPOTENCY_KEY
              + " must be sent once, as 1 to 200 visible ASCII characters")
          .withErrors(List.of(new Problem.FieldError(IDEMPOTENCY_KEY, keys.size() != 1 ? "repeated" : "malformed")))
          .at(uri.getPath())
          .toResponse();
    }
    return null;
  }
}
