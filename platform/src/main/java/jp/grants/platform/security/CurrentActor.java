package jp.grants.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;

/** The actor of the current request, from its verified JWT. */
@RequestScoped
public class CurrentActor {
  @Inject SecurityIdentity identity;

  public Actor get() {
    if (identity.isAnonymous()) {
      throw new NotAuthorizedException("Bearer");
    }
    String role = Roles.ALL.stream().filter(identity::hasRole).findFirst().orElse("none");
    return new Actor(identity.getPrincipal().getName(), role);
  }

  public boolean hasRole(String role) {
    return identity.hasRole(role);
  }
}
