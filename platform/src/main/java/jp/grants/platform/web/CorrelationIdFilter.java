package jp.grants.platform.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request gets a correlation id: the caller's {@code X-Correlation-Id} when it is a sane
 * token, a new UUID otherwise. It is logged with every line, returned in the response, and stored
 * with every event the request causes.
 */
public class CorrelationIdFilter {
  @Inject RequestInfo info;

  public static final String HEADER = "X-Correlation-Id";
  public static final String PROPERTY = "jp.grants.correlationId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setProperty(PROPERTY, id);
    info.set(id, request.getMethod() + " " + request.getUriInfo().getPath());
    MDC.put("correlationId", id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id.toString());
    }
    MDC.remove("correlationId");
  }

  public static String of(ContainerRequestContext request) {
    Object id = request.getProperty(PROPERTY);
    return id == null ? null : id.toString();
  }
}
