package jp.grants.grant.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import jp.grants.grant.Api;
import jp.grants.infra.security.EdgeInputContract;
import jp.grants.infra.security.Malformed;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * The grant-service's edge (issue 17): the platform-wide contract, {@code ?program=%00} (a 500
 * before: PostgreSQL refuses U+0000) and the principal investigator's country.
 */
@QuarkusTest
class EdgeInputTest extends EdgeInputContract {
  @Override
  protected String[] reader() {
    return new String[] {Api.OFFICER, Roles.PROGRAM_OFFICER};
  }

  @Override
  protected String readPath() {
    return "/api/v1/grants";
  }

  @Override
  protected String queryParameter() {
    return "program";
  }

  @Override
  protected String pathWith(String value) {
    return "/api/v1/grants/" + value;
  }

  @Override
  protected String pathParameter() {
    return "id";
  }

  private static ObjectNode proposal() {
    return Malformed.JSON.valueToTree(
        Api.proposal("ASPIRE", 2027, 5, 10_000_000L, List.of("Kyoto University")));
  }

  @Override
  protected BodyCase body() {
    return new BodyCase(
        json ->
            Api.applicant()
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(json.toString())
                .post("/api/v1/grants"),
        proposal(),
        "title",
        "summary",
        "summary",
        true);
  }

  @Test
  void shouldRefuseANulInTheInstitutionFilterToo() {
    Response response = Api.officer().queryParam("institution", "\u0000").get("/api/v1/grants");
    assertBadRequestNaming(response, "institution", "control characters");
  }

  @Test
  void shouldRefuseAnInvestigatorCountryThatIsNoIso3166Code() {
    for (String country : List.of("AA", "ZZ", "XK", "UK", "jp", "J\u0000")) {
      ObjectNode body = proposal();
      ((ObjectNode) body.get("principalInvestigator")).put("country", country);
      Response refused = body().send().apply(body);
      assertThat(refused.statusCode()).as(country + ": " + refused.asString()).isEqualTo(400);
      assertThat(refused.jsonPath().getList("errors.field", String.class))
          .anySatisfy(f -> assertThat(f).endsWith("country"));
    }
    ObjectNode german = proposal();
    ((ObjectNode) german.get("principalInvestigator")).put("country", "DE");
    assertThat(body().send().apply(german).statusCode()).isEqualTo(201);
  }

  @Test
  void shouldNameANestedFieldWithAControlCharacter() {
    ObjectNode body = proposal();
    ((ObjectNode) body.get("principalInvestigator")).put("name", "Hanako\u0000Yamada");
    assertBadRequestNaming(
        body().send().apply(body), "principalInvestigator.name", "control characters");
    ObjectNode host = proposal();
    host.putArray("hostInstitutions").add("Kyoto\u0007University");
    assertBadRequestNaming(body().send().apply(host), "hostInstitutions[0]", "control characters");
  }
}
