package jp.grants.systemtests;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import jp.grants.infra.contract.OpenApiResponseValidation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every REST-assured answer of the system tests checked against the OpenAPI document of the service
 * that gave it (issue 17), as the services' own tests are: a drift between what a running service
 * answers and what its document says fails the test that saw it. Registered for every test class by
 * JUnit's extension auto-detection (test resources {@code META-INF/services} and {@code
 * junit-platform.properties}).
 */
public final class OpenApiValidated implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (RestAssured.class) {
      for (Filter filter : RestAssured.filters()) {
        if (filter instanceof OpenApiResponseValidation) {
          return;
        }
      }
      RestAssured.filters(new OpenApiResponseValidation());
    }
  }
}
