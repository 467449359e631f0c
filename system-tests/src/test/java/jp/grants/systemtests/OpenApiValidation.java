package jp.grants.systemtests;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import jp.grants.infra.contract.OpenApiResponseValidation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every REST-assured answer of the system tests checked against the OpenAPI document of the
 * packaged service that gave it (read from its {@code /q/openapi}), as in the services' own tests
 * (infra {@link OpenApiResponseValidation}): an undocumented status or a body off its schema fails
 * the test. Registered for every test class by JUnit's extension auto-detection ({@code
 * junit-platform.properties}).
 */
public final class OpenApiValidation implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    // a test class starts its own system, on ports an earlier one may have used
    OpenApiResponseValidation.forget();
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
