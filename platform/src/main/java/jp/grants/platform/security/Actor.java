package jp.grants.platform.security;

/**
 * Who is acting: the authenticated subject and the role they act in. Taken from the verified token,
 * never from a request body, and stored with every event the action causes.
 */
public record Actor(String subject, String role) {
  /** The service itself, acting on an event from another service. */
  public static Actor system(String service) {
    return new Actor("system:" + service, "system");
  }

  public boolean is(String someRole) {
    return someRole.equals(role);
  }
}
