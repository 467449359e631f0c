package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A budget that programs draw on, of one of two kinds:
 *
 * <ul>
 *   <li>{@link Kind#YEARLY} — an appropriation per fiscal year (WPI, SICORP, SATREPS, the
 *       fellowships). Money of a year lapses at its end unless a program officer approves carrying
 *       it over, with a reason (繰越).
 *   <li>{@link Kind#FUND} — a multi-year fund (基金) filled by one or more budgets (e.g. the FY2022
 *       second supplementary budget) and drawn down over its term: its cap is one total, shared by
 *       every program financed from it (ASPIRE and NEXUS draw on JST's ASPIRE fund). A grant's
 *       unspent money moves to its next year on request, without approval, within the term.
 * </ul>
 *
 * @param budgets YEARLY: the budget per fiscal year in whole yen, where the seeds state it
 * @param contributions FUND: what filled the fund, each budget once
 * @param firstFiscalYear FUND: the first fiscal year money may be drawn from it
 * @param lastFiscalYear FUND: the last fiscal year money may be drawn from it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetPool(
    String code,
    String name,
    String nameJa,
    Kind kind,
    Map<Integer, Long> budgets,
    List<Contribution> contributions,
    Integer firstFiscalYear,
    Integer lastFiscalYear,
    String heldBy,
    List<String> sources,
    List<String> assumptions) {

  public enum Kind {
    YEARLY,
    FUND
  }

  /** A budget that went into a fund. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Contribution(int fiscalYear, long amountYen, String note) {}

  public boolean isFund() {
    return kind == Kind.FUND;
  }

  /**
   * YEARLY: the budget for a fiscal year, the figure the seeds state for that year, else the latest
   * stated figure before it (an assumption: appropriations carry forward until a new figure is
   * entered), else none. FUND: none (a fund has a total, see {@link #totalYen()}).
   */
  public Optional<Long> budgetFor(int fiscalYear) {
    if (isFund() || budgets == null) {
      return Optional.empty();
    }
    SortedMap<Integer, Long> upTo = new TreeMap<>(budgets).headMap(fiscalYear + 1);
    return upTo.isEmpty() ? Optional.empty() : Optional.of(upTo.get(upTo.lastKey()));
  }

  /** FUND: everything that went into it; YEARLY: 0. */
  public long totalYen() {
    return isFund() ? contributions.stream().mapToLong(Contribution::amountYen).sum() : 0;
  }

  /**
   * FUND: whether money may be drawn from it in the fiscal year. YEARLY: whether it has a budget.
   */
  public boolean covers(int fiscalYear) {
    return isFund()
        ? fiscalYear >= firstFiscalYear && fiscalYear <= lastFiscalYear
        : budgetFor(fiscalYear).isPresent();
  }

  /** Whether carrying a grant's money over to its next year needs a program officer's approval. */
  public boolean carryOverNeedsApproval() {
    return !isFund();
  }
}
