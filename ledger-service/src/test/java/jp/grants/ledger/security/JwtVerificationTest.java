package jp.grants.ledger.security;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.security.JwtVerificationContract;
import jp.grants.platform.security.Roles;

/** The token checks of the shared contract, against one of this service's endpoints. */
@QuarkusTest
class JwtVerificationTest extends JwtVerificationContract {
  @Override
  protected String path() {
    return "/api/v1/ledger/fiscal-years/2025/summary";
  }

  @Override
  protected String role() {
    return Roles.FINANCE;
  }

  @Override
  protected String otherRole() {
    return Roles.AUDITOR;
  }
}
