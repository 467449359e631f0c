package jp.grants.grant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.infra.JwtKeys;
import jp.grants.platform.security.Roles;

/** The grant API as its callers use it, with real signed tokens. */
public final class Api {
  public static final String APPLICANT = "applicant-kyoto-1";
  public static final String OFFICER = "po-jsps-1";
  public static final String FINANCE = "finance-jsps-1";
  public static final String AUDITOR = "auditor-boa-1";

  private Api() {}

  public static RequestSpecification as(String subject, String role) {
    return given().auth().oauth2(JwtKeys.shared().token(subject, role)).contentType(ContentType.JSON);
  }

  public static RequestSpecification applicant() {
    return as(APPLICANT, Roles.APPLICANT);
  }

  public static RequestSpecification officer() {
    return as(OFFICER, Roles.PROGRAM_OFFICER);
  }

  public static RequestSpecification finance() {
    return as(FINANCE, Roles.FINANCE);
  }

  public static RequestSpecification auditor() {
    return as(AUDITOR, Roles.AUDITOR);
  }

  /** A plan of the same amount for each year from the first. */
  public static List<Map<String, Object>> plan(int firstYear, int years, long amount) {
    return java.util.stream.IntStream.range(0, years)
        .mapToObj(i -> Map.<String, Object>of("fiscalYear", firstYear + i, "amountYen", amount)).toList();
  }

  public static Map<String, Object> proposal(String program, int startYear, int years, long annual, List<String> hosts) {
    return Map.of(
        "programCode", program,
        "title", "Center for " + program + " research",
        "summary", "A proposal to " + program,
        "principalInvestigator", Map.of("name", "Hanako Yamada", "institution", hosts.get(0), "country", "JP"),
        "hostInstitutions", hosts,
        "startFiscalYear", startYear,
        "durationYears", years,
        "requestedPlan", plan(startYear, years, annual));
  }

  public static UUID submit(Map<String, Object> proposal) {
    String id = applicant().body(proposal).post("/api/v1/grants").then().statusCode(201).extract().path("grantId");
    return UUID.fromString(id);
  }

  public static ValidatableResponse post(RequestSpecification as, UUID grant, String step, Object body) {
    return as.body(body).post("/api/v1/grants/" + grant + "/" + step).then();
  }

  /** Submits, screens and awards a proposal with its requested plan. */
  public static UUID awarded(String program, int startYear, int years, long annual, List<String> hosts) {
    UUID grant = submit(proposal(program, startYear, years, annual, hosts));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete")).statusCode(200);
    post(officer(), grant, "award", Map.of()).statusCode(200);
    return grant;
  }
}
