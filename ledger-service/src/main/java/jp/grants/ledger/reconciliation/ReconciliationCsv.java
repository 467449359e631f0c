package jp.grants.ledger.reconciliation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reconciliation of a program's grants in one fiscal year as CSV for spreadsheets (RFC 4180):
 * UTF-8 with a byte order mark (so that Excel reads Japanese text as UTF-8), CRLF line ends, a
 * header row, one row per grant, a totals row; whole yen; a field with a comma, a quote or a line
 * break is quoted, its quotes doubled; an empty field is a figure that does not exist (no report,
 * not settled).
 */
public final class ReconciliationCsv {
  public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
  public static final String TOTAL = "TOTAL";
  public static final List<String> HEADER =
      List.of(
          "grantId",
          "programCode",
          "programName",
          "budgetPool",
          "status",
          "settled",
          "fiscalYear",
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
          "reportStatus",
          "unspentYen",
          "finalYen",
          "differences",
          "differenceDetails");

  private ReconciliationCsv() {}

  public static byte[] write(
      String programName, int fiscalYear, Map<UUID, GrantReconciliation> grants) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    row(csv, HEADER);
    long[] sums = new long[11];
    long reportedSum = 0;
    boolean anyReported = false;
    long unspentSum = 0;
    long finalSum = 0;
    boolean anyFinal = false;
    int differenceSum = 0;
    for (GrantReconciliation g : grants.values()) {
      GrantReconciliation.Year y =
          g.years().stream().filter(x -> x.fiscalYear() == fiscalYear).findFirst().orElse(null);
      if (y == null) {
        continue;
      }
      long[] figures = {
        y.allocatedYen(),
        y.carriedInYen(),
        y.carriedOutYen(),
        y.capYen(),
        y.paidYen(),
        y.indirectCostYen(),
        y.refundedYen(),
        y.indirectRefundedYen(),
        y.additionalChargeYen(),
        y.paidCarriedInYen(),
        y.paidCarriedOutYen()
      };
      for (int i = 0; i < figures.length; i++) {
        sums[i] += figures[i];
      }
      if (y.reportedYen() != null) {
        reportedSum += y.reportedYen();
        anyReported = true;
      }
      if (y.finalYen() != null) {
        finalSum += y.finalYen();
        anyFinal = true;
      }
      unspentSum += y.unspentYen();
      List<GrantReconciliation.Difference> differences = new ArrayList<>(y.differences());
      differences.addAll(g.totals().differences());
      differenceSum += differences.size();
      List<String> fields =
          new ArrayList<>(
              List.of(
                  g.grantId().toString(),
                  g.programCode(),
                  programName,
                  g.budgetPool(),
                  g.status(),
                  String.valueOf(g.settled()),
                  String.valueOf(fiscalYear)));
      for (long f : figures) {
        fields.add(String.valueOf(f));
      }
      fields.add(String.valueOf(y.heldYen()));
      fields.add(y.reportedYen() == null ? "" : String.valueOf(y.reportedYen()));
      fields.add(y.reportStatus() == null ? "" : y.reportStatus());
      fields.add(String.valueOf(y.unspentYen()));
      fields.add(y.finalYen() == null ? "" : String.valueOf(y.finalYen()));
      fields.add(String.valueOf(differences.size()));
      fields.add(
          differences.stream()
              .map(GrantReconciliation.Difference::explanation)
              .collect(Collectors.joining("\n")));
      row(csv, fields);
    }
    long heldSum =
        grants.values().stream()
            .flatMap(g -> g.years().stream())
            .filter(x -> x.fiscalYear() == fiscalYear)
            .mapToLong(GrantReconciliation.Year::heldYen)
            .sum();
    List<String> total =
        new ArrayList<>(List.of(TOTAL, "", programName, "", "", "", String.valueOf(fiscalYear)));
    for (long s : sums) {
      total.add(String.valueOf(s));
    }
    total.add(String.valueOf(heldSum));
    total.add(anyReported ? String.valueOf(reportedSum) : "");
    total.add("");
    total.add(String.valueOf(unspentSum));
    total.add(anyFinal ? String.valueOf(finalSum) : "");
    total.add(String.valueOf(differenceSum));
    total.add("");
    row(csv, total);
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(field(fields.get(i)));
    }
    csv.append("\r\n");
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
  public static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') >= 0
        || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
