package jp.grants.ledger.reconciliation;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.report.ReportFixtures.applicant;
import static jp.grants.ledger.report.ReportFixtures.grant;
import static jp.grants.ledger.report.ReportFixtures.officer;
import static jp.grants.ledger.report.ReportFixtures.pay;
import static jp.grants.ledger.report.ReportFixtures.reconciliation;
import static jp.grants.ledger.report.ReportFixtures.report;
import static jp.grants.ledger.report.ReportFixtures.reportBody;
import static jp.grants.ledger.report.ReportFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.grants.ledger.LedgerClock;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation per grant and the CSV per program and fiscal year, against the real database:
 * figures from the rows, agreement with the journal, a row broken on purpose showing up as a
 * difference, and the CSV parsed back figure by figure.
 */
@QuarkusTest
class ReconciliationResourceTest {
  private static final String PROGRAM = "SATREPS";
  private static final int FY = 2058;

  /** Only the CSV test makes grants in this year. */
  private static final int CSV_FY = 2064;

  private static GrantEventsProducer producer;
  private static boolean budgets;

  @Inject LedgerClock clock;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
  }

  @AfterEach
  void realClock() {
    clock.reset();
  }

  private static synchronized UUID satreps(int... years) {
    if (!budgets) {
      for (int fy : new int[] {FY, FY + 1, CSV_FY}) {
        Ledger.setBudget(PROGRAM, fy, 5_000_000_000L);
      }
      budgets = true;
    }
    return grant(producer, PROGRAM, 50_000_000L, years);
  }

  /** A grant paid in two years, with the first year reported. */
  private static UUID paidAndReported() {
    UUID grantId = satreps(FY, FY + 1);
    pay(grantId, FY, 12_000_000L, "PERSONNEL");
    pay(grantId, FY, 3_000_000L, "TRAVEL");
    pay(grantId, FY + 1, 5_000_000L, "EQUIPMENT");
    report(grantId, reportBody(FY, "PERSONNEL", 12_000_000L, "TRAVEL", 3_000_000L)).statusCode(201);
    return grantId;
  }

  @Test
  void shouldShowEveryFigurePerYearFromTheRowsInAgreementWithTheJournal() {
    UUID grantId = paidAndReported();

    reconciliation(grantId)
        .statusCode(200)
        .body("grantId", equalTo(grantId.toString()))
        .body("programCode", equalTo(PROGRAM))
        .body("budgetPool", equalTo(PROGRAM))
        .body("status", equalTo("ACTIVE"))
        .body("settled", equalTo(false))
        .body("finalAmountYen", nullValue())
        .body("years.fiscalYear", equalTo(List.of(FY, FY + 1)))
        .body("years[0].allocatedYen", equalTo(50_000_000))
        .body("years[0].carriedInYen", equalTo(0))
        .body("years[0].carriedOutYen", equalTo(0))
        .body("years[0].capYen", equalTo(50_000_000))
        .body("years[0].paidYen", equalTo(15_000_000))
        .body("years[0].indirectCostYen", equalTo(4_500_000)) // SATREPS: 30 % of 15,000,000
        .body("years[0].refundedYen", equalTo(0))
        .body("years[0].indirectRefundedYen", equalTo(0))
        .body("years[0].additionalChargeYen", equalTo(0))
        .body("years[0].paidCarriedInYen", equalTo(0))
        .body("years[0].paidCarriedOutYen", equalTo(0))
        .body("years[0].heldYen", equalTo(15_000_000))
        .body("years[0].reportedYen", equalTo(15_000_000))
        .body("years[0].reportStatus", equalTo("ACCEPTED"))
        .body("years[0].unspentYen", equalTo(0))
        .body("years[0].finalYen", nullValue())
        .body("years[0].differences", empty())
        .body("years[1].paidYen", equalTo(5_000_000))
        .body("years[1].heldYen", equalTo(5_000_000))
        .body("years[1].reportedYen", nullValue())
        .body("years[1].reportStatus", nullValue())
        .body("years[1].unspentYen", equalTo(5_000_000))
        .body("years[1].differences", empty())
        .body("totals.allocatedYen", equalTo(100_000_000))
        .body("totals.capYen", equalTo(100_000_000))
        .body("totals.paidYen", equalTo(20_000_000))
        .body("totals.heldYen", equalTo(20_000_000))
        .body("totals.reportedYen", equalTo(15_000_000))
        .body("totals.unspentYen", equalTo(5_000_000))
        .body("totals.finalYen", nullValue())
        .body("totals.differences", empty());
  }

  @Test
  void shouldListACapRowBrokenBehindTheLedgersBackAsADifferenceWithTheJournal() {
    UUID grantId = paidAndReported();
    Db.number(
        "WITH y AS (UPDATE grant_year SET allocation_yen = allocation_yen + 1000000 WHERE grant_id = ?"
            + " AND fiscal_year = ? RETURNING 1) SELECT count(*) FROM y",
        grantId,
        FY + 1);

    reconciliation(grantId)
        .statusCode(200)
        .body("years[0].differences", empty())
        .body("years[1].capYen", equalTo(51_000_000))
        .body("years[1].differences", hasSize(1))
        .body("years[1].differences[0].figure", equalTo("capYen"))
        .body("years[1].differences[0].expectedYen", equalTo(50_000_000))
        .body("years[1].differences[0].actualYen", equalTo(51_000_000))
        .body("totals.differences", empty());
  }

  @Test
  void shouldListHeldMoneyAndRefundsThatDisagreeWithTheirSources() {
    UUID grantId = paidAndReported();
    // a year's held figure lowered without a refund, and a refund row no year counts
    Db.number(
        "WITH y AS (UPDATE grant_year SET disbursed_yen = disbursed_yen - 1 WHERE grant_id = ?"
            + " AND fiscal_year = ? RETURNING 1) SELECT count(*) FROM y",
        grantId,
        FY);
    Db.number(
        "WITH r AS (INSERT INTO refund (refund_id, grant_id, fiscal_year, kind, amount_yen, indirect_cost_yen,"
            + " additional_charge_yen, journal_entry_id, actor, actor_role, recorded_at) VALUES (?, ?, ?, 'VOLUNTARY',"
            + " 700000, 0, 0, ?, 'test', 'finance', now()) RETURNING 1) SELECT count(*) FROM r",
        UUID.randomUUID(),
        grantId,
        FY + 1,
        UUID.randomUUID());

    var response = reconciliation(grantId).statusCode(200).extract().jsonPath();
    Map<String, Map<String, Object>> first = byFigure(response.getList("years[0].differences"));
    assertThat(first.keySet()).containsExactly("heldYen");
    // paid 15,000,000 less nothing, against the 14,999,999 the row holds
    assertThat(first.get("heldYen"))
        .containsEntry("expectedYen", 15_000_000)
        .containsEntry("actualYen", 14_999_999);
    List<Map<String, Object>> heldOfFirst = response.getList("years[0].differences");
    assertThat(heldOfFirst.stream().filter(d -> d.get("figure").equals("heldYen")).count())
        .as("held against its movements, below the accepted report, and against the journal")
        .isEqualTo(3);
    assertThat(heldOfFirst)
        .anySatisfy(
            d ->
                assertThat(d)
                    .containsEntry("expectedYen", 15_000_000)
                    .containsEntry("actualYen", 14_999_999)
                    .extractingByKey("explanation")
                    .asString()
                    .contains("journal"));
    Map<String, Map<String, Object>> second = byFigure(response.getList("years[1].differences"));
    assertThat(second.get("refundedYen"))
        .containsEntry("expectedYen", 700_000)
        .containsEntry("actualYen", 0);
    Map<String, Map<String, Object>> grantWide = byFigure(response.getList("totals.differences"));
    assertThat(grantWide.get("heldYen")).containsEntry("expectedYen", 19_999_999);
  }

  @Test
  void shouldShowTheFinalAmountsOfASettledGrant() {
    UUID grantId = paidAndReported();
    report(grantId, reportBody(FY + 1, "EQUIPMENT", 5_000_000L)).statusCode(201);
    ZoneId japan = ZoneId.of("Asia/Tokyo");
    clock.fix(LocalDate.of(FY + 2, 4, 1).atStartOfDay(japan).toInstant());
    settle(grantId).statusCode(201);

    reconciliation(grantId)
        .statusCode(200)
        .body("settled", equalTo(true))
        .body("finalAmountYen", equalTo(20_000_000))
        .body("finalIndirectCostYen", equalTo(6_000_000)) // 30 % of 20,000,000
        .body("years.finalYen", equalTo(List.of(15_000_000, 5_000_000)))
        .body("years.unspentYen", equalTo(List.of(0, 0)))
        .body("years[0].differences", empty())
        .body("years[1].differences", empty())
        .body("totals.finalYen", equalTo(20_000_000))
        .body("totals.differences", empty());
  }

  @Test
  void shouldAdmitAuditorsFinanceProgramOfficersAndAdministrators() {
    UUID grantId = satreps(FY);
    for (String token : List.of(Tokens.auditor(), Tokens.finance(), officer(), Tokens.admin())) {
      given()
          .header("Authorization", token)
          .get("/api/v1/ledger/grants/" + grantId + "/reconciliation")
          .then()
          .statusCode(200);
    }
    given()
        .header("Authorization", applicant())
        .get("/api/v1/ledger/grants/" + grantId + "/reconciliation")
        .then()
        .statusCode(403);
    given().get("/api/v1/ledger/grants/" + grantId + "/reconciliation").then().statusCode(401);
    reconciliation(UUID.randomUUID()).statusCode(404).body("rule", equalTo("UNKNOWN-GRANT"));
  }

  @Test
  void shouldExportTheProgramsYearAsCsvThatParsesBackToTheSameFigures() {
    UUID a = satreps(CSV_FY);
    UUID b = satreps(CSV_FY);
    pay(a, CSV_FY, 7_000_000L, "PERSONNEL");
    pay(b, CSV_FY, 2_500_000L, "TRAVEL");
    report(a, reportBody(CSV_FY, "PERSONNEL", 6_000_000L)).statusCode(201);
    // b's cap row broken: its difference is in the CSV too
    Db.number(
        "WITH y AS (UPDATE grant_year SET allocation_yen = allocation_yen - 1 WHERE grant_id = ?"
            + " AND fiscal_year = ? RETURNING 1) SELECT count(*) FROM y",
        b,
        CSV_FY);

    var response =
        given()
            .header("Authorization", Tokens.finance())
            .get(
                "/api/v1/ledger/programs/"
                    + PROGRAM
                    + "/fiscal-years/"
                    + CSV_FY
                    + "/reconciliation.csv")
            .then()
            .statusCode(200)
            .contentType("text/csv; charset=UTF-8")
            .header(
                "Content-Disposition",
                "attachment; filename=\"reconciliation-SATREPS-FY" + CSV_FY + ".csv\"")
            .extract();
    byte[] bytes = response.asByteArray();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).endsWith("\r\n");
    List<List<String>> rows = Rfc4180.parse(text);
    assertThat(rows.get(0)).isEqualTo(ReconciliationCsv.HEADER);
    assertThat(rows).hasSize(4);
    Map<String, Map<String, String>> byGrant = new java.util.HashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSize(ReconciliationCsv.HEADER.size());
      Map<String, String> named = new java.util.LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        named.put(ReconciliationCsv.HEADER.get(i), row.get(i));
      }
      byGrant.put(row.get(0), named);
    }
    Map<String, String> ra = byGrant.get(a.toString());
    assertThat(ra)
        .containsEntry("programCode", PROGRAM)
        .containsEntry("programName", "地球規模課題対応国際科学技術協力プログラム")
        .containsEntry("status", "ACTIVE")
        .containsEntry("settled", "false")
        .containsEntry("fiscalYear", String.valueOf(CSV_FY))
        .containsEntry("capYen", "50000000")
        .containsEntry("paidYen", "7000000")
        .containsEntry("heldYen", "7000000")
        .containsEntry("reportedYen", "6000000")
        .containsEntry("reportStatus", "ACCEPTED")
        .containsEntry("unspentYen", "1000000")
        .containsEntry("finalYen", "")
        .containsEntry("differences", "0");
    Map<String, String> rb = byGrant.get(b.toString());
    assertThat(rb)
        .containsEntry("capYen", "49999999")
        .containsEntry("paidYen", "2500000")
        .containsEntry("reportedYen", "")
        .containsEntry("reportStatus", "")
        .containsEntry("unspentYen", "2500000")
        .containsEntry("differences", "1");
    assertThat(rb.get("differenceDetails"))
        .contains("allocation_yen")
        .contains("expected 50,000,000 yen");
    Map<String, String> total = byGrant.get(ReconciliationCsv.TOTAL);
    assertThat(total)
        .containsEntry("capYen", "99999999")
        .containsEntry("allocatedYen", "99999999")
        .containsEntry("paidYen", "9500000")
        .containsEntry("heldYen", "9500000")
        .containsEntry("reportedYen", "6000000")
        .containsEntry("unspentYen", "3500000")
        .containsEntry("differences", "1");

    // a budget pool's code: every program of the pool (here none has a grant in the year): header
    // and totals only
    String pool =
        new String(
                given()
                    .header("Authorization", Tokens.auditor())
                    .get(
                        "/api/v1/ledger/programs/SICORP/fiscal-years/"
                            + CSV_FY
                            + "/reconciliation.csv")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray(),
                StandardCharsets.UTF_8)
            .substring(1);
    List<List<String>> poolRows = Rfc4180.parse(pool);
    assertThat(poolRows).hasSize(2);
    assertThat(poolRows.get(1).get(0)).isEqualTo(ReconciliationCsv.TOTAL);
    assertThat(poolRows.get(1).get(2))
        .isEqualTo(
            jp.grants.catalog.ProgramCatalog.load().findPool("SICORP").orElseThrow().nameJa());
    assertThat(poolRows.get(1).get(ReconciliationCsv.HEADER.indexOf("paidYen"))).isEqualTo("0");
    given()
        .header("Authorization", Tokens.admin())
        .get(
            "/api/v1/ledger/programs/"
                + PROGRAM
                + "/fiscal-years/"
                + CSV_FY
                + "/reconciliation.csv")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", officer())
        .get(
            "/api/v1/ledger/programs/"
                + PROGRAM
                + "/fiscal-years/"
                + CSV_FY
                + "/reconciliation.csv")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", Tokens.finance())
        .get("/api/v1/ledger/programs/NO-SUCH/fiscal-years/" + CSV_FY + "/reconciliation.csv")
        .then()
        .statusCode(404)
        .body("rule", equalTo("UNKNOWN-PROGRAM"));
  }

  @Test
  void shouldQuoteFieldsAsRfc4180Says() {
    assertThat(ReconciliationCsv.field("plain")).isEqualTo("plain");
    assertThat(ReconciliationCsv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReconciliationCsv.field("say \"yes\"")).isEqualTo("\"say \"\"yes\"\"\"");
    assertThat(ReconciliationCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Rfc4180.parse("a,\"b,c\",\"d\"\"e\",\"f\ng\"\r\n1,,3,4\r\n"))
        .isEqualTo(List.of(List.of("a", "b,c", "d\"e", "f\ng"), List.of("1", "", "3", "4")));
  }

  private static Map<String, Map<String, Object>> byFigure(List<Map<String, Object>> differences) {
    return differences.stream()
        .collect(Collectors.toMap(d -> (String) d.get("figure"), d -> d, (x, y) -> x));
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes and line breaks. */
  static final class Rfc4180 {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int i = 0;
      boolean quoted = false;
      while (i < text.length()) {
        char ch = text.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (ch == '"') {
            quoted = false;
            i++;
          } else {
            field.append(ch);
            i++;
          }
        } else if (ch == '"' && field.isEmpty()) {
          quoted = true;
          i++;
        } else if (ch == ',') {
          row.add(field.toString());
          field.setLength(0);
          i++;
        } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i += 2;
        } else if (ch == '\r' || ch == '\n' || ch == '"') {
          throw new AssertionError("bare " + (int) ch + " at " + i + " outside a quoted field");
        } else {
          field.append(ch);
          i++;
        }
      }
      if (quoted || !field.isEmpty() || !row.isEmpty()) {
        throw new AssertionError("the last record does not end with CRLF");
      }
      return rows;
    }
  }
}
