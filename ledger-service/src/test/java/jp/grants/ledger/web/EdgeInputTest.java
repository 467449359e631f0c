package jp.grants.ledger.web;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.grants.infra.security.EdgeInputContract;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;

/**
 * The ledger-service's edge (issue 17): the platform-wide contract. Its body case only sends
 * refusals (a fund's total is shared by other tests); its texts are all single-line.
 */
@QuarkusTest
class EdgeInputTest extends EdgeInputContract {
  @Override
  protected String[] reader() {
    return new String[] {"finance-edge", Roles.FINANCE};
  }

  @Override
  protected String readPath() {
    return "/api/v1/ledger/programs/ASPIRE/fiscal-years/2027/grants";
  }

  @Override
  protected String queryParameter() {
    return "filter";
  }

  @Override
  protected String pathWith(String value) {
    return "/api/v1/ledger/grants/" + value + "/reconciliation";
  }

  @Override
  protected String pathParameter() {
    return "grantId";
  }

  @Override
  protected BodyCase body() {
    ObjectNode valid =
        JsonNodeFactory.instance
            .objectNode()
            .put("totalYen", 1_000_000_000L)
            .put("reason", "edge test");
    return new BodyCase(
        json ->
            given()
                .header("Authorization", Tokens.admin())
                .contentType(ContentType.JSON)
                .body(json.toString())
                .put("/api/v1/ledger/programs/ASPIRE/fund"),
        valid,
        "reason",
        null,
        null,
        false);
  }
}
