package jp.grants.platform.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import jp.grants.platform.problem.Problem;

/**
 * The JWT mechanism of SmallRye JWT, with its challenge sent as an RFC 9457 problem. A request
 * without a token to a path guarded by an HTTP permission rather than a resource's roles (e.g.
 * {@code /q/metrics}) is refused by Quarkus' HTTP authorizer, which sends the mechanism's challenge
 * and ends the response: a bare 401. Sending the challenge here with a problem body gives that 401
 * the same body as every other one ({@link AuthenticationProblems}, {@code ProblemMappers}).
 *
 * <p>Authentication itself is the delegate's, unchanged (Quarkus' documented way of customizing a
 * mechanism: an alternative that delegates).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallenge implements HttpAuthenticationMechanism {
  @Inject JWTAuthMechanism delegate;
  @Inject ObjectMapper json;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    return delegate.authenticate(context, identityProviderManager);
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return delegate.getChallenge(context);
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return delegate.getCredentialTypes();
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return delegate.getCredentialTransport(context);
  }

  @Override
  public int getPriority() {
    return delegate.getPriority();
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    return getChallenge(context)
        .map(
            challenge -> {
              if (challenge == null) {
                return false;
              }
              HttpServerResponse response = context.response();
              if (response.headWritten()) {
                return true;
              }
              response.setStatusCode(challenge.status);
              challenge.getHeaders().forEach((name, value) -> response.headers().set(name, value));
              if (challenge.status == Response.Status.UNAUTHORIZED.getStatusCode()) {
                Problem problem =
                    Problem.of(
                            Response.Status.UNAUTHORIZED,
                            "unauthenticated",
                            "a bearer token (JWT) signed by the platform's identity provider is required")
                        .at(context.request().path());
                try {
                  response
                      .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                      .end(json.writeValueAsString(problem));
                } catch (JsonProcessingException e) {
                  return true; // the caller ends the response, as it would have without a body
                }
              }
              return true;
            });
  }
}
