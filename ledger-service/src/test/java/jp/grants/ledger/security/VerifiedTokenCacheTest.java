package jp.grants.ledger.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.CachingJwtParser;
import org.junit.jupiter.api.Test;

/**
 * The service verifies bearer tokens through the caching parser (a CDI alternative to
 * smallrye-jwt's), and a token answered from memory still carries its own subject and role.
 */
@QuarkusTest
class VerifiedTokenCacheTest {
  @Inject JWTParser parser;

  @Test
  void shouldVerifyTokensThroughTheCachingParser() {
    assertThat(parser).isInstanceOf(CachingJwtParser.class);
  }

  @Test
  void shouldAnswerTheSameTokenAgainWithItsOwnRoleAndRefuseAnotherRoleMeanwhile() {
    String finance = Tokens.finance();
    String auditor = Tokens.auditor();
    for (int i = 0; i < 3; i++) {
      given()
          .header("Authorization", finance)
          .get("/api/v1/ledger/fiscal-years/2025/summary")
          .then()
          .statusCode(200);
      given()
          .header("Authorization", auditor)
          .contentType("application/json")
          .body("{\"budgetYen\":1,\"reason\":\"x\"}")
          .put("/api/v1/ledger/programs/WPI/fiscal-years/2099/budget")
          .then()
          .statusCode(403);
    }
  }
}
