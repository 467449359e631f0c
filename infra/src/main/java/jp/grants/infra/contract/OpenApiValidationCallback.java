package jp.grants.infra.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Puts {@link OpenApiResponseValidation} in front of every REST-assured request of every
 * {@code @QuarkusTest} of a module that depends on this test kit (registered as a Quarkus test
 * callback, so it runs in the class loader the test's REST-assured lives in).
 */
public final class OpenApiValidationCallback implements QuarkusTestBeforeEachCallback {
  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
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
