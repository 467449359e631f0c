package jp.grants.ledger.report;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.security.Roles;

/**
 * Grants, payments, reports and settlements as the tests of reports, settlement and reconciliation
 * make them.
 */
public final class ReportFixtures {
  private ReportFixtures() {}

  public static String applicant() {
    return Tokens.bearer("applicant-7", Roles.APPLICANT);
  }

  public static String officer() {
    return Tokens.bearer("officer-3", Roles.PROGRAM_OFFICER);
  }

  /**
   * A grant of the program with the same allocation in each of the years, awarded through
   * grant-events.
   */
  public static UUID grant(
      GrantEventsProducer producer, String program, long perYear, int... years) {
    FiscalYearAmount[] plan = new FiscalYearAmount[years.length];
    for (int i = 0; i < years.length; i++) {
      plan[i] = fy(years[i], perYear);
    }
    return Awards.publish(producer, award(program, perYear * years.length, plan)).grantId();
  }

  /** Pays through the REST API; the disbursement id. */
  public static UUID pay(UUID grantId, int fiscalYear, long amountYen, String category) {
    Map<String, Object> body = new HashMap<>();
    body.put("grantId", grantId.toString());
    body.put("fiscalYear", fiscalYear);
    body.put("amountYen", amountYen);
    body.put("expenseCategory", category);
    body.put("purpose", "test payment");
    String id =
        given()
            .header("Authorization", Tokens.finance())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/ledger/disbursements")
            .then()
            .statusCode(201)
            .extract()
            .path("disbursementId");
    return UUID.fromString(id);
  }

  /** A report body: categories and amounts in pairs ("PERSONNEL", 100L, "TRAVEL", 20L). */
  public static Map<String, Object> reportBody(int fiscalYear, Object... categoriesAndAmounts) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < categoriesAndAmounts.length; i += 2) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", categoriesAndAmounts[i]);
      line.put("amountYen", categoriesAndAmounts[i + 1]);
      lines.add(line);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fiscalYear", fiscalYear);
    body.put("spending", lines);
    return body;
  }

  public static ValidatableResponse report(
      String token, String key, UUID grantId, Map<String, Object> body) {
    var request = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/ledger/grants/" + grantId + "/annual-reports").then();
  }

  public static ValidatableResponse report(UUID grantId, Map<String, Object> body) {
    return report(Tokens.finance(), UUID.randomUUID().toString(), grantId, body);
  }

  public static ValidatableResponse approve(
      String token, UUID grantId, int fiscalYear, String reason) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(reason == null ? Map.of() : Map.of("reason", reason))
        .post("/api/v1/ledger/grants/" + grantId + "/annual-reports/" + fiscalYear + "/approval")
        .then();
  }

  public static ValidatableResponse settle(String token, String key, UUID grantId) {
    var request = given().header("Authorization", token);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/ledger/grants/" + grantId + "/settlement").then();
  }

  public static ValidatableResponse settle(UUID grantId) {
    return settle(officer(), null, grantId);
  }

  public static ValidatableResponse reconciliation(UUID grantId) {
    return given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/ledger/grants/" + grantId + "/reconciliation")
        .then();
  }
}
