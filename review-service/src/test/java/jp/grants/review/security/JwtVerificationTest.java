package jp.grants.review.security;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.security.JwtVerificationContract;
import jp.grants.platform.security.Roles;

/** The token checks of the shared contract, against one of this service's endpoints. */
@QuarkusTest
class JwtVerificationTest extends JwtVerificationContract {
  @Override
  protected String path() {
    return "/api/v1/reviewers";
  }

  @Override
  protected String role() {
    return Roles.AUDITOR;
  }

  @Override
  protected String otherRole() {
    return Roles.PROGRAM_OFFICER;
  }
}
