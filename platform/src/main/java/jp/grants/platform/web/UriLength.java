package jp.grants.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jp.grants.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose URI is longer than {@value #MAX} characters with a 414 problem, as the
 * documents say every 414 is. The HTTP layer (Vert.x) would answer a request line over its limit
 * itself, with a bare 414 no client's generator can read; its limit is raised above ours ({@code
 * quarkus.http.limits.max-initial-line-length}, platform's configuration), so that the refusal is
 * this one for any URI up to that limit.
 */
public class UriLength {
  /** The longest URI (path and query, as sent) a service reads: Vert.x's default request line. */
  static final int MAX = 4096;

  @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 200)
  public Response refuseLongUris(ContainerRequestContext request) {
    String uri = request.getUriInfo().getRequestUri().getRawPath();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    int length = uri.length() + (query == null ? 0 : query.length() + 1);
    if (length <= MAX) {
      return null;
    }
    return Problem.of(
            Response.Status.REQUEST_URI_TOO_LONG,
            "uri-too-long",
            "the request's URI has " + length + " characters; at most " + MAX + " are read")
        .toResponse();
  }
}
