package jp.grants.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.rule.RuleViolation;

/**
 * The program rules that money and proposals must keep, each with a stable name. A refusal throws
 * {@link RuleViolation} naming the rule and saying, in figures, what was asked and what is allowed.
 */
public final class Rules {

  private Rules() {}

  public static void checkDuration(Program program, int years) {
    DurationRule d = program.duration();
    if (years < d.minYears() || years > d.maxYears()) {
      throw CatalogRule.DURATION.violation(
          program.code()
              + " grants run "
              + range(d.minYears(), d.maxYears())
              + " years; "
              + years
              + " asked");
    }
  }

  public static void checkHosts(Program program, List<String> hostInstitutions) {
    int count = hostInstitutions == null ? 0 : new HashSet<>(hostInstitutions).size();
    HostRule hosts = program.hosts();
    if (count < hosts.min() || count > hosts.max()) {
      throw CatalogRule.HOSTS.violation(
          program.code()
              + " needs "
              + range(hosts.min(), hosts.max())
              + " distinct host institution(s); "
              + count
              + " named");
    }
  }

  /**
   * A plan of amounts per fiscal year: one entry for each year from {@code firstYear} to {@code
   * lastYear}, none twice, each within the phase's annual cap and floor.
   */
  public static void checkPlan(
      Program program, Phase phase, List<FiscalYearAmount> plan, int firstYear, int lastYear) {
    Set<Integer> years = new HashSet<>();
    for (FiscalYearAmount entry : plan) {
      int year = entry.fiscalYear();
      if (year < firstYear || year > lastYear || !years.add(year)) {
        throw CatalogRule.PLAN_YEARS.violation(
            "the plan must name each fiscal year from FY"
                + firstYear
                + " to FY"
                + lastYear
                + " once; FY"
                + year
                + " is out of range or repeated");
      }
      checkAnnual(program, phase, entry);
    }
    if (years.size() != lastYear - firstYear + 1) {
      throw CatalogRule.PLAN_YEARS.violation(
          "the plan must name each fiscal year from FY"
              + firstYear
              + " to FY"
              + lastYear
              + "; it names "
              + years.size()
              + " of them");
    }
  }

  /**
   * A plan within a phase's caps. An amount above the phase's cap that a later phase would allow is
   * refused as a step-up without a passed stage gate (WPI CORE: more than 500,000,000 yen a year
   * before the gate).
   */
  public static void checkPlanInPhase(
      Program program, Phase phase, List<FiscalYearAmount> plan, int first, int last) {
    try {
      checkPlan(program, phase, plan, first, last);
    } catch (RuleViolation violation) {
      if (violation.rule() != CatalogRule.ANNUAL_CAP) {
        throw violation;
      }
      long asked = plan.stream().mapToLong(FiscalYearAmount::amountYen).max().orElse(0);
      Phase next =
          program.gateFrom(phase.code()).flatMap(g -> program.phase(g.toPhase())).orElse(null);
      if (next != null && (next.annualCapYen() == null || asked <= next.annualCapYen())) {
        throw CatalogRule.STEP_UP_REQUIRES_PASSED_GATE.violation(
            program.code()
                + " pays more than "
                + yen(phase.annualCapYen())
                + " a year only in phase "
                + next.code()
                + ", after a passed stage gate; the grant is in phase "
                + phase.code()
                + " and asks "
                + yen(asked));
      }
      throw violation;
    }
  }

  private static void checkAnnual(Program program, Phase phase, FiscalYearAmount entry) {
    if (phase.annualCapYen() != null && entry.amountYen() > phase.annualCapYen()) {
      throw CatalogRule.ANNUAL_CAP.violation(
          program.code()
              + " phase "
              + phase.code()
              + " allows at most "
              + yen(phase.annualCapYen())
              + " a year; FY"
              + entry.fiscalYear()
              + " asks "
              + yen(entry.amountYen()));
    }
    if (phase.annualFloorYen() != null && entry.amountYen() < phase.annualFloorYen()) {
      throw CatalogRule.ANNUAL_FLOOR.violation(
          program.code()
              + " phase "
              + phase.code()
              + " funds at least "
              + yen(phase.annualFloorYen())
              + " a year; FY"
              + entry.fiscalYear()
              + " asks "
              + yen(entry.amountYen()));
    }
  }

  /** The grant's total over its whole life, against the program's total cap where it has one. */
  public static void checkTotal(Program program, long totalYen) {
    if (program.totalCapYen() != null && totalYen > program.totalCapYen()) {
      throw CatalogRule.TOTAL_CAP.violation(
          program.code()
              + " allows at most "
              + yen(program.totalCapYen())
              + " over a whole grant; this would make "
              + yen(totalYen));
    }
  }

  public static void checkExpense(Program program, ExpenseCategory category) {
    if (!program.isEligible(category)) {
      throw CatalogRule.EXPENSE_ELIGIBLE.violation(
          program.code()
              + " does not fund "
              + category
              + " (eligible: "
              + program.eligibleExpenses()
              + ")");
    }
  }

  public static String yen(long amount) {
    return String.format("%,d yen", amount);
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : min + " to " + max;
  }
}
