package jp.grants.platform.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jp.grants.platform.problem.Problem;

/**
 * A bearer token that fails verification (bad signature, wrong issuer or audience, expired, no
 * signature at all) is refused by Quarkus' proactive authentication before any resource runs; this
 * failure handler answers that refusal as a 401 RFC 9457 problem with the {@code WWW-Authenticate}
 * challenge of RFC 6750, instead of an empty 401. It says only that the token was refused, never
 * why: the reason is logged by SmallRye JWT, and telling it to the caller would help a forger.
 *
 * <p>Paths guarded by HTTP permissions rather than by a resource's roles (e.g. {@code /q/metrics})
 * are refused the same way: 403 for a role the permission does not name here, 401 with an invalid
 * token here, 401 without a token in {@link ProblemChallenge} (Quarkus sends that challenge
 * itself).
 */
@ApplicationScoped
public class AuthenticationProblems {
  static final int ORDER = -1_000;
  public static final String CHALLENGE = "Bearer error=\"invalid_token\"";

  @Inject ObjectMapper json;

  void install(@Observes Router router) {
    router.route().order(ORDER).failureHandler(this::answer);
  }

  private void answer(RoutingContext context) {
    if (context.response().headWritten()) {
      context.next();
      return;
    }
    String path = context.request().path();
    if (causedBy(context.failure(), AuthenticationFailedException.class)) {
      send(
          context,
          Problem.of(
                  Response.Status.UNAUTHORIZED,
                  "invalid-token",
                  "the bearer token was refused: it must be signed by the platform's identity provider, for this"
                      + " audience, and not expired")
              .at(path),
          CHALLENGE);
    } else if (causedBy(context.failure(), UnauthorizedException.class)) {
      send(
          context,
          Problem.of(
                  Response.Status.UNAUTHORIZED,
                  "unauthenticated",
                  "a bearer token (JWT) signed by the platform's identity provider is required")
              .at(path),
          "Bearer");
    } else if (causedBy(context.failure(), ForbiddenException.class)) {
      send(
          context,
          Problem.of(Response.Status.FORBIDDEN, "forbidden", "the caller's role may not do this")
              .at(path),
          null);
    } else {
      context.next();
    }
  }

  private void send(RoutingContext context, Problem problem, String challenge) {
    try {
      String body = json.writeValueAsString(problem);
      context
          .response()
          .setStatusCode(problem.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
      if (challenge != null) {
        context.response().putHeader("WWW-Authenticate", challenge);
      }
      context.response().end(body);
    } catch (JsonProcessingException e) {
      context.next();
    }
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
