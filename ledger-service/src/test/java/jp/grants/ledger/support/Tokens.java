package jp.grants.ledger.support;

import jp.grants.infra.JwtKeys;
import jp.grants.platform.security.Roles;

/** Bearer tokens for the roles the ledger's endpoints name. */
public final class Tokens {
  private Tokens() {}

  public static String finance() {
    return bearer("finance-clerk-1", Roles.FINANCE);
  }

  public static String admin() {
    return bearer("budget-admin", Roles.ADMIN);
  }

  public static String auditor() {
    return bearer("auditor-1", Roles.AUDITOR);
  }

  public static String bearer(String subject, String role) {
    return "Bearer " + JwtKeys.shared().token(subject, role);
  }
}
