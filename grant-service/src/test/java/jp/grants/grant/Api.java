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
    Map<String, Object> proposal = new java.util.LinkedHashMap<>();
    proposal.put("programCode", program);
    proposal.put("title", "Center for " + program + " research");
    proposal.put("summary", "A proposal to " + program);
    proposal.put("principalInvestigator", Map.of("name", "Hanako Yamada", "institution", hosts.get(0), "country", "JP"));
    proposal.put("hostInstitutions", hosts);
    proposal.put("startFiscalYear", startYear);
    proposal.put("durationYears", years);
    proposal.put("requestedPlan", plan(startYear, years, annual));
    if (hasRequirements(program)) {
      proposal.put("plannedFigures", PLANNED_FIGURES);
    }
    return java.util.Collections.unmodifiableMap(proposal);
  }

  /**
   * Planned figures that meet every phase's requirements of WPI, WPI CORE and Multiple Host WPI (7
   * PIs, 70 staff, 30 % from abroad at most): 10 PIs, 100 staff, 20 of 60 researchers from abroad.
   */
  public static final Map<String, Object> PLANNED_FIGURES = Map.of("principalInvestigators", 10, "totalStaff", 100,
      "researchers", 60, "researchersFromAbroad", 20);

  /** Whether the program's initial phase has requirements, so that an award needs planned figures. */
  public static boolean hasRequirements(String program) {
    return jp.grants.catalog.ProgramCatalog.load().find(program)
        .map(p -> !p.initialPhase().requirementsOrNone().isNone()).orElse(false);
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
