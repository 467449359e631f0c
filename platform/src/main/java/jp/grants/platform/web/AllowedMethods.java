package jp.grants.platform.web;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The methods each path of the service's API answers, for the {@code Allow} header of a 405 and of
 * an {@code OPTIONS} request (RFC 9110 §15.5.6, §9.3.7). Quarkus REST answers {@code OPTIONS} with
 * the methods of one resource class only — a path whose methods are split over two classes (a
 * grant's {@code GET} and its commands' {@code POST}) was answered with half of them — and sends
 * its 405 without {@code Allow}. Here the methods come from every resource class of the service,
 * matched against the request's path as JAX-RS templates; {@code HEAD} goes with {@code GET}, and
 * {@code OPTIONS} is always allowed.
 */
@Singleton
public class AllowedMethods {
  private static final List<String> ORDER =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private record Route(Pattern path, String method) {}

  private volatile List<Route> routes;

  /** The methods {@code path} answers, in a fixed order; empty when no resource serves the path. */
  public Set<String> of(String path) {
    Set<String> methods = new TreeSet<>((a, b) -> Integer.compare(rank(a), rank(b)));
    for (Route route : routes()) {
      if (route.path().matcher(path).matches()) {
        methods.add(route.method());
      }
    }
    if (methods.isEmpty()) {
      return methods;
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    methods.add("OPTIONS");
    return methods;
  }

  /** The {@code Allow} header's value for {@code path}, or null when no resource serves it. */
  public String header(String path) {
    Set<String> methods = of(path);
    return methods.isEmpty() ? null : String.join(", ", methods);
  }

  /**
   * Answers {@code OPTIONS} on a path of the API with its methods (204, {@code Allow}), unless a
   * resource answers {@code OPTIONS} there itself. Before matching, so that no resource class is
   * chosen first.
   */
  @ServerRequestFilter(preMatching = true)
  public Response options(ContainerRequestContext request) {
    if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
      return null;
    }
    String path = request.getUriInfo().getPath();
    boolean declared =
        routes().stream()
            .anyMatch(
                r -> r.method().equals(HttpMethod.OPTIONS) && r.path().matcher(path).matches());
    String allow = header(path);
    if (declared || allow == null) {
      return null;
    }
    return Response.noContent().header("Allow", allow).build();
  }

  private static int rank(String method) {
    int at = ORDER.indexOf(method);
    return at < 0 ? ORDER.size() + method.hashCode() : at;
  }

  private List<Route> routes() {
    List<Route> known = routes;
    if (known == null) {
      known = List.copyOf(scan());
      routes = known;
    }
    return known;
  }

  /**
   * Every resource method of the service's resource classes (they are CDI beans in Quarkus REST).
   */
  private static List<Route> scan() {
    List<Route> found = new ArrayList<>();
    Set<Class<?>> seen = new java.util.HashSet<>();
    for (Bean<?> bean :
        Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      Path root = type.getAnnotation(Path.class);
      if (root == null || !seen.add(type)) {
        continue;
      }
      for (Method method : type.getMethods()) {
        String verb = verb(method);
        if (verb != null) {
          Path sub = method.getAnnotation(Path.class);
          found.add(
              new Route(template(root.value() + "/" + (sub == null ? "" : sub.value())), verb));
        }
      }
    }
    return found;
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /**
   * A JAX-RS path template ({@code /grants/{id}}, {@code /x/{code: [A-Z]+}}) as a regular
   * expression.
   */
  public static Pattern template(String template) {
    String path = ("/" + template).replaceAll("/+", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c != '{') {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < path.length(); end++) {
        depth += path.charAt(end) == '{' ? 1 : path.charAt(end) == '}' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      String variable = path.substring(i + 1, end);
      int colon = variable.indexOf(':');
      regex
          .append('(')
          .append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).strip())
          .append(')');
      i = end + 1;
    }
    return Pattern.compile(regex + "/?");
  }
}
