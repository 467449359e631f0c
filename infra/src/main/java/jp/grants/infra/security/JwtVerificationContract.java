package jp.grants.infra.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;
import java.util.function.BiFunction;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Every part of a bearer token is checked: signature (RS256 by the trusted key only), issuer,
 * audience, expiry and lifetime. A refused token gets 401 with an RFC 9457 problem and the RFC 6750
 * challenge, and the problem never says which check failed. Each service runs it (a
 * {@code @QuarkusTest} subclass) against one of its GET endpoints.
 */
public abstract class JwtVerificationContract {
  private static final String SUBJECT = "jwt-check";

  /** A GET endpoint that {@link #role()} may call. */
  protected abstract String path();

  /** A role the endpoint allows. */
  protected abstract String role();

  /**
   * A role the endpoint does not allow: a token edited to claim {@link #role()} instead must fail.
   */
  protected abstract String otherRole();

  private ValidatableResponse call(String token) {
    return given().auth().oauth2(token).get(path()).then();
  }

  private void refused(BiFunction<String, String, String> forgery) {
    call(forgery.apply(SUBJECT, role()))
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("status", equalTo(401))
        .body("detail", not(equalTo("")));
  }

  @Test
  public void shouldAcceptAGoodTokenBuiltLikeTheForgeries() {
    call(ForgedTokens.good(SUBJECT, role())).statusCode(200);
  }

  @Test
  public void shouldRefuseATokenOfAnotherIssuer() {
    refused(ForgedTokens::wrongIssuer);
  }

  @Test
  public void shouldRefuseATokenForAnotherAudience() {
    refused(ForgedTokens::wrongAudience);
  }

  @Test
  public void shouldRefuseAnExpiredToken() {
    refused(ForgedTokens::expired);
  }

  @Test
  public void shouldRefuseATokenThatLivesLongerThanTwelveHours() {
    refused(ForgedTokens::livesTooLong);
  }

  @Test
  public void shouldRefuseATokenSignedByAnotherKey() {
    refused(ForgedTokens::signedByAnotherKey);
  }

  @Test
  public void shouldRefuseAnUnsignedTokenWithAlgNone() {
    refused(ForgedTokens::unsigned);
  }

  @Test
  public void shouldRefuseAnHmacTokenKeyedWithThePublicKey() {
    refused(ForgedTokens::hmacWithThePublicKey);
  }

  @Test
  public void shouldRefuseATokenWhosePayloadWasEditedAfterSigning() {
    call(ForgedTokens.tampered(SUBJECT, otherRole(), role())).statusCode(401);
    refused((subject, role) -> ForgedTokens.tampered(subject, Roles.ADMIN, role));
  }

  @Test
  public void shouldRefuseGarbageAndAnEmptyBearer() {
    refused((subject, role) -> "not.a.token");
    given().header("Authorization", "Bearer ").get(path()).then().statusCode(401);
    given().header("Authorization", "Basic dXNlcjpwYXNz").get(path()).then().statusCode(401);
  }

  @Test
  public void shouldAnswerNoTokenWith401AndATokenWithoutARoleWith403() {
    given()
        .get(path())
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"));
    given()
        .auth()
        .oauth2(ForgedTokens.withoutRole(SUBJECT))
        .get(path())
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(403));
  }

  @Test
  public void shouldLeaveHealthAndOpenApiOpenToAnonymousCallers() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi?format=json").then().statusCode(200);
    given().get("/q/swagger-ui/").then().statusCode(200);
  }
}
