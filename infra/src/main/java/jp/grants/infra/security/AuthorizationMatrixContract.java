package jp.grants.infra.security;

import java.util.List;
import java.util.stream.Stream;
import jp.grants.infra.security.Matrix.Rule;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The role x endpoint matrix of a service, checked against its running API: every operation of its
 * OpenAPI document has a rule (a new endpoint without one fails), every rule holds for every role
 * (401 without a token, 403 for a role it does not name, 403/404 on another's resource, success on
 * the caller's own), the document declares exactly the matrix's roles, metrics are for operators
 * only, and the platform-wide restrictions hold. Each service runs it as a {@code @QuarkusTest}
 * subclass that gives its rules and adds its own restrictions.
 */
public abstract class AuthorizationMatrixContract {

  /** The service's matrix: one rule per operation of its OpenAPI document. */
  protected abstract List<Rule> rules();

  @TestFactory
  Stream<DynamicNode> everyOperationOfTheOpenApiDocument() {
    return Matrix.check(rules());
  }

  @Test
  void shouldServeMetricsToOperatorsOnly() {
    Matrix.assertMetricsForOperatorsOnly();
  }

  @Test
  void shouldDeclareInOpenApiExactlyTheRolesOfTheMatrix() {
    Matrix.assertDeclaredRolesMatch(rules());
  }

  @Test
  void shouldKeepThePlatformWideRestrictions() {
    Matrix.assertPlatformRestrictions(rules());
  }
}
