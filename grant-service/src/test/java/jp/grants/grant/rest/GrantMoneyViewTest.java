package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.ledger.AnnualReportAccepted;
import jp.grants.contracts.ledger.FundsCarriedOver;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.FundsRefunded;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.grant.Api;
import jp.grants.grant.LedgerEvents;
import org.junit.jupiter.api.Test;

/**
 * The grant's money per fiscal year over REST: GET /grants/{id} and GET /grants/{id}/disbursements
 * show the allocation as awarded, carried in and out, paid, indirect, refunded, reported and
 * unspent, and the settlement; the list (read model) shows what the grant holds net of refunds and
 * its final amount; closure is refused as an RFC 9457 problem until the ledger settled the grant.
 */
@QuarkusTest
class GrantMoneyViewTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  private static final long M = 1_000_000L;

  @Test
  void shouldShowTheYearsMoneyTheReportAndTheSettlement() throws Exception {
    String institution = "Money View Institute " + UUID.randomUUID();
    UUID grant = Api.awarded("WPI", 2026, 10, 700 * M, List.of(institution));
    UUID disbursement =
        UUID.fromString(
            post(
                    Api.finance(),
                    grant,
                    "disbursement-requests",
                    Map.of(
                        "fiscalYear", 2026, "amountYen", 100 * M, "expenseCategory", "PERSONNEL"))
                .statusCode(200)
                .extract()
                .path("disbursementId"));
    LedgerEvents.publish(
        new FundsDisbursed(
            grant,
            disbursement,
            "WPI",
            2026,
            100 * M,
            ExpenseCategory.PERSONNEL,
            UUID.randomUUID(),
            600 * M,
            30 * M));
    LedgerEvents.publish(
        new FundsCarriedOver(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            2027,
            200 * M,
            0,
            true,
            "the new building opened late",
            UUID.randomUUID()));
    LedgerEvents.publish(
        new FundsRefunded(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            10 * M,
            3 * M,
            0,
            RefundKind.VOLUNTARY,
            "conference cancelled",
            UUID.randomUUID()));
    LedgerEvents.publish(
        new AnnualReportAccepted(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 80 * M)),
            80 * M,
            90 * M,
            10 * M,
            0,
            null));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().header("ETag", "\"7\""));

    JsonPath view =
        Api.applicant().get("/api/v1/grants/" + grant).then().statusCode(200).extract().jsonPath();
    Map<String, Object> fy2026 = view.getMap("moneyByFiscalYear.'2026'");
    assertThat(fy2026)
        .containsOnlyKeys(
            "allocatedYen",
            "carriedInYen",
            "carriedOutYen",
            "capYen",
            "paidYen",
            "indirectCostYen",
            "refundedYen",
            "indirectRefundedYen",
            "additionalChargeYen",
            "paidCarriedInYen",
            "paidCarriedOutYen",
            "heldYen",
            "reportedYen",
            "unspentYen",
            "annualReport",
            "finalYen");
    assertThat(fy2026)
        .containsEntry("allocatedYen", 700_000_000)
        .containsEntry("carriedInYen", 0)
        .containsEntry("carriedOutYen", 200_000_000)
        .containsEntry("capYen", 500_000_000)
        .containsEntry("paidYen", 100_000_000)
        .containsEntry("indirectCostYen", 30_000_000)
        .containsEntry("refundedYen", 10_000_000)
        .containsEntry("indirectRefundedYen", 3_000_000)
        .containsEntry("additionalChargeYen", 0)
        .containsEntry("paidCarriedInYen", 0)
        .containsEntry("paidCarriedOutYen", 0)
        .containsEntry("heldYen", 90_000_000)
        .containsEntry("reportedYen", 80_000_000)
        .containsEntry("unspentYen", 10_000_000)
        .containsEntry("finalYen", null);
    assertThat(view.getMap("moneyByFiscalYear.'2026'.annualReport"))
        .containsEntry("reportedYen", 80_000_000)
        .containsEntry("paidYen", 90_000_000)
        .containsEntry("unspentYen", 10_000_000);
    assertThat(view.<Object>get("moneyByFiscalYear.'2026'.finalYen")).isNull();
    assertThat(view.getInt("moneyByFiscalYear.'2027'.capYen")).isEqualTo(900_000_000);
    assertThat(view.getInt("moneyByFiscalYear.'2027'.carriedInYen")).isEqualTo(200_000_000);
    assertThat(view.<Object>get("moneyByFiscalYear.'2027'.reportedYen")).isNull();
    assertThat(view.getMap("moneyByFiscalYear")).hasSize(10);
    assertThat(view.getLong("indirectCostYen")).isEqualTo(27 * M);
    assertThat(view.getLong("disbursedYen")).isEqualTo(90 * M);
    assertThat(view.getBoolean("settled")).isFalse();
    assertThat(view.<Object>get("settlement")).isNull();

    // The disbursements list: the indirect costs per payment (read model), the years' money (the
    // grant's own).
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant + "/disbursements")
                    .then()
                    .statusCode(200)
                    .body("readModelVersion", equalTo(7)));
    JsonPath list =
        Api.finance()
            .get("/api/v1/grants/" + grant + "/disbursements")
            .then()
            .statusCode(200)
            .body("items[0].indirectCostYen", equalTo(30_000_000))
            .body("version", equalTo(7))
            .body("settlement", nullValue())
            .extract()
            .jsonPath();
    assertThat(list.getMap("moneyByFiscalYear")).isEqualTo(view.getMap("moneyByFiscalYear"));

    post(officer(), grant, "closure", Map.of("note", "done"))
        .statusCode(409)
        .contentType("application/problem+json")
        .body("status", equalTo(409))
        .body("rule", equalTo("GRANT-UNSETTLED"));

    // The unspent 10M refunded after the report, a nil report for FY2027's carried allocation, and
    // the settlement.
    LedgerEvents.publish(
        new FundsRefunded(
            grant,
            UUID.randomUUID(),
            "WPI",
            2026,
            10 * M,
            3 * M,
            0,
            RefundKind.VOLUNTARY,
            "unspent",
            UUID.randomUUID()));
    LedgerEvents.publish(
        new GrantSettled(
            grant,
            UUID.randomUUID(),
            "WPI",
            80 * M,
            24 * M,
            100 * M,
            20 * M,
            0,
            List.of(new FiscalYearAmount(2026, 80 * M)),
            UUID.randomUUID()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().body("settled", equalTo(true)));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .body("settlement.finalAmountYen", equalTo(80_000_000))
        .body("settlement.finalIndirectCostYen", equalTo(24_000_000))
        .body("settlement.refundedYen", equalTo(20_000_000))
        .body("moneyByFiscalYear.'2026'.finalYen", equalTo(80_000_000))
        .body("moneyByFiscalYear.'2026'.unspentYen", equalTo(0))
        .body("moneyByFiscalYear.'2026'.annualReport.unspentYen", equalTo(10_000_000));
    post(
            Api.finance(),
            grant,
            "disbursement-requests",
            Map.of("fiscalYear", 2027, "amountYen", 1, "expenseCategory", "PERSONNEL"))
        .statusCode(409)
        .body("rule", equalTo("GRANT-SETTLED"));
    post(officer(), grant, "closure", Map.of("note", "done"))
        .statusCode(200)
        .body("version", equalTo(10));

    // The list (read model): held net of refunds, indirect, refunded, settled and the final amount.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .queryParam("institution", institution)
                    .get("/api/v1/grants")
                    .then()
                    .statusCode(200)
                    .body("items[0].status", equalTo("CLOSED"))
                    .body("items[0].disbursedYen", equalTo(80_000_000))
                    .body("items[0].indirectCostYen", equalTo(24_000_000))
                    .body("items[0].refundedYen", equalTo(20_000_000))
                    .body("items[0].settled", equalTo(true))
                    .body("items[0].finalAmountYen", equalTo(80_000_000)));
  }
}
