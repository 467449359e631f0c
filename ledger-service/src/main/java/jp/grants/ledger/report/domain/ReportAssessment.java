package jp.grants.ledger.report.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.ExpenseTransfers;
import jp.grants.catalog.Rules;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.rule.Rule;
import jp.grants.ledger.rule.LedgerRule;

/**
 * An annual financial report (実績報告) measured against the year's money: what was spent per category
 * against what the year holds per category ({@link PaidByCategory}), what moved between categories,
 * and whether that needs a program officer's approval.
 *
 * @param lines every category reported or paid, with what was reported and what the year holds in
 *     it
 * @param reportedYen S, the sum of the report's lines
 * @param heldYen H, what the year holds (paid less refunded and paid money carried out, plus paid
 *     money carried in)
 * @param transferredYen T = Σ max(0, spent − held) over the categories (費目間流用)
 * @param freeLimitYen the program's free limit on transfers for a year holding H
 * @param needsApproval T exceeds the free limit
 */
public record ReportAssessment(
    List<Line> lines,
    long reportedYen,
    long heldYen,
    long transferredYen,
    long freeLimitYen,
    boolean needsApproval) {

  /** One category of the report. */
  public record Line(ExpenseCategory category, long amountYen, long paidYen) {}

  public long unspentYen() {
    return heldYen - reportedYen;
  }

  /** A refusal of the report by a named rule. */
  public record Refusal(Rule rule, String reason) {}

  /**
   * Checks and measures a report; a refusal when a line names a category that is not eligible
   * ({@code EXPENSE-ELIGIBLE}) or the report claims more than the year holds ({@code
   * REPORT-EXCEEDS-PAID}).
   */
  public static Result assess(
      String programCode,
      int fiscalYear,
      Map<ExpenseCategory, Long> spending,
      Collection<ExpenseCategory> eligible,
      Map<ExpenseCategory, Long> paidByCategory,
      long heldYen,
      ExpenseTransfers transfers) {
    Set<ExpenseCategory> ineligible = EnumSet.noneOf(ExpenseCategory.class);
    spending.keySet().stream().filter(c -> !eligible.contains(c)).forEach(ineligible::add);
    if (!ineligible.isEmpty()) {
      return new Result(
          Optional.empty(),
          Optional.of(
              new Refusal(
                  CatalogRule.EXPENSE_ELIGIBLE,
                  programCode
                      + " (as awarded) does not fund "
                      + ineligible
                      + "; eligible: "
                      + eligible)));
    }
    long reported = 0;
    for (long v : spending.values()) {
      reported = Math.addExact(reported, v);
    }
    if (reported > heldYen) {
      return new Result(
          Optional.empty(),
          Optional.of(
              new Refusal(
                  LedgerRule.REPORT_EXCEEDS_PAID,
                  "the report for FY"
                      + fiscalYear
                      + " claims "
                      + Rules.yen(reported)
                      + " yen, but the year holds "
                      + Rules.yen(heldYen)
                      + " yen (paid less refunded and carried out, plus carried in)")));
    }
    Map<ExpenseCategory, Line> lines = new EnumMap<>(ExpenseCategory.class);
    long transferred = 0;
    Set<ExpenseCategory> categories = EnumSet.noneOf(ExpenseCategory.class);
    categories.addAll(spending.keySet());
    paidByCategory.forEach(
        (c, v) -> {
          if (v > 0) {
            categories.add(c);
          }
        });
    for (ExpenseCategory c : categories) {
      long spent = spending.getOrDefault(c, 0L);
      long paid = Math.max(0, paidByCategory.getOrDefault(c, 0L));
      lines.put(c, new Line(c, spent, paid));
      transferred = Math.addExact(transferred, Math.max(0, spent - paid));
    }
    long limit = transfers == null ? 0 : transfers.freeLimitYen(heldYen);
    return new Result(
        Optional.of(
            new ReportAssessment(
                new ArrayList<>(lines.values()),
                reported,
                heldYen,
                transferred,
                limit,
                transferred > limit)),
        Optional.empty());
  }

  /** Either the assessment or the refusal. */
  public record Result(Optional<ReportAssessment> assessment, Optional<Refusal> refusal) {}
}
