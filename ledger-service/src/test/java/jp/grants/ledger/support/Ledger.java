package jp.grants.ledger.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** The ledger's figures as the disbursement tests set and read them. */
public final class Ledger {
  private Ledger() {}

  /**
   * An administrator sets the pool's budget for the year (a budget that binds, or one far above).
   */
  public static void setBudget(String pool, int fiscalYear, long budgetYen) {
    given()
        .header("Authorization", Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("budgetYen", budgetYen, "reason", "a budget for the test"))
        .put("/api/v1/ledger/programs/" + pool + "/fiscal-years/" + fiscalYear + "/budget")
        .then()
        .statusCode(200);
  }

  /** What was disbursed from the grant's allocation for the year. */
  public static long yearDisbursed(UUID grantId, int fiscalYear) {
    return Db.number(
        "SELECT disbursed_yen FROM grant_year WHERE grant_id = ? AND fiscal_year = ?",
        grantId,
        fiscalYear);
  }
}
