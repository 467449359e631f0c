package jp.grants.ledger.grant.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.FiscalYearAmount;

/**
 * A grant's money plan: its allocation per fiscal year and its total award, with what has been
 * disbursed from each. The grant's events change the plan; this class works out the new figures.
 *
 * <p>Money already paid cannot be taken back: no allocation falls below what was disbursed from it,
 * and the total award never falls below the grant's disbursements. Where an event asks for less,
 * the figure stops at what was disbursed (and the headroom is then zero).
 */
public record AllocationPlan(SortedMap<Integer, Year> years, long totalCapYen, long disbursedYen) {

  /** One fiscal year of the plan. */
  public record Year(long allocationYen, long disbursedYen) {}

  /** The plan's new figures: the allocations that change and the new total award. */
  public record Change(
      SortedMap<Integer, Long> allocations, long totalCapYen, AllocationPlan before) {
    /** By how much each changed year's allocation moves (positive = more money). */
    public SortedMap<Integer, Long> allocationChanges() {
      SortedMap<Integer, Long> changes = new TreeMap<>();
      allocations.forEach(
          (year, amount) -> {
            long change = amount - before.allocation(year);
            if (change != 0) {
              changes.put(year, change);
            }
          });
      return changes;
    }

    public long totalChangeYen() {
      return totalCapYen - before.totalCapYen();
    }

    public boolean isEmpty() {
      return allocationChanges().isEmpty() && totalChangeYen() == 0;
    }
  }

  public AllocationPlan {
    years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
  }

  public static AllocationPlan empty() {
    return new AllocationPlan(new TreeMap<>(), 0, 0);
  }

  public long allocation(int fiscalYear) {
    Year year = years.get(fiscalYear);
    return year == null ? 0 : year.allocationYen();
  }

  /** The award: every listed year gets its allocation. */
  public Change award(List<FiscalYearAmount> allocations, long totalAwardedYen) {
    return change(amountsByYear(allocations), totalAwardedYen);
  }

  /**
   * A stage gate (passed, or failed with a wind-down): the listed allocations replace the plan for
   * every fiscal year after the gate's; a later year that is not listed gets nothing. Years up to
   * the gate's are not touched, even if listed.
   */
  public Change replaceAfter(
      int gateFiscalYear, List<FiscalYearAmount> allocations, long totalAwardedYen) {
    SortedMap<Integer, Long> listed = amountsByYear(allocations);
    SortedMap<Integer, Long> next = new TreeMap<>();
    years.tailMap(gateFiscalYear + 1).keySet().forEach(year -> next.put(year, 0L));
    listed.tailMap(gateFiscalYear + 1).forEach(next::put);
    return change(next, totalAwardedYen);
  }

  /** An extension: the listed years (the extension's) get their allocations. */
  public Change extend(List<FiscalYearAmount> allocations, long totalAwardedYen) {
    return change(amountsByYear(allocations), totalAwardedYen);
  }

  /**
   * Termination after {@code lastFiscalYear}: every later year keeps only what was disbursed from
   * it, and the total award shrinks to what the remaining allocations can still pay.
   */
  public Change releaseAfter(int lastFiscalYear) {
    SortedMap<Integer, Long> next = new TreeMap<>();
    years
        .tailMap(lastFiscalYear + 1)
        .forEach((year, figures) -> next.put(year, figures.disbursedYen()));
    long remaining = 0;
    for (Map.Entry<Integer, Year> entry : years.entrySet()) {
      remaining += next.getOrDefault(entry.getKey(), entry.getValue().allocationYen());
    }
    return change(next, Math.min(totalCapYen, remaining));
  }

  /** Close-out: every allocation and the total award shrink to what was disbursed. */
  public Change releaseAll() {
    SortedMap<Integer, Long> next = new TreeMap<>();
    years.forEach((year, figures) -> next.put(year, figures.disbursedYen()));
    return change(next, disbursedYen);
  }

  private Change change(SortedMap<Integer, Long> requested, long requestedTotal) {
    SortedMap<Integer, Long> allocations = new TreeMap<>();
    requested.forEach(
        (year, amount) -> {
          Year current = years.get(year);
          long disbursed = current == null ? 0 : current.disbursedYen();
          allocations.put(year, Math.max(amount, disbursed));
        });
    return new Change(allocations, Math.max(requestedTotal, disbursedYen), this);
  }

  private static SortedMap<Integer, Long> amountsByYear(List<FiscalYearAmount> allocations) {
    SortedMap<Integer, Long> byYear = new TreeMap<>();
    for (FiscalYearAmount amount :
        allocations == null ? List.<FiscalYearAmount>of() : allocations) {
      if (byYear.put(amount.fiscalYear(), amount.amountYen()) != null) {
        throw CatalogRule.PLAN_YEARS.violation(
            "the allocations name FY" + amount.fiscalYear() + " twice");
      }
    }
    return byYear;
  }
}
