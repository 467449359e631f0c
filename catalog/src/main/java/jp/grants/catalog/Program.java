package jp.grants.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import jp.grants.contracts.ExpenseCategory;

/**
 * A funding program (or one scheme of it) as the catalog states it. Every figure comes from the
 * seed documents or is listed under {@link #assumptions()}.
 *
 * @param budgetPool programs that draw on one budget share a pool (WPI, WPI CORE and Multiple Host
 *     WPI draw on the WPI budget)
 * @param budgets the pool's budget per fiscal year in whole yen, where the seeds state it
 * @param totalCapYen the most a grant may receive over its whole life, where the program states it
 */
public record Program(
    String code,
    String name,
    String nameJa,
    String agency,
    GrantKind grantKind,
    DurationRule duration,
    List<Phase> phases,
    Long totalCapYen,
    Extension extension,
    List<StageGate> stageGates,
    HostRule hosts,
    CoFunding coFunding,
    List<ExpenseCategory> eligibleExpenses,
    String budgetPool,
    Map<Integer, Long> budgets,
    List<EvaluationAxis> evaluationAxes,
    Committee committee,
    List<String> sources,
    List<String> assumptions) {

  public Phase initialPhase() {
    return phases.get(0);
  }

  public Optional<Phase> phase(String phaseCode) {
    if (extension != null && extension.phase().equals(phaseCode)) {
      return Optional.of(
          new Phase(phaseCode, "Extension", extension.annualCapYen(), null, extension.maxYears(), null));
    }
    return phases.stream().filter(p -> p.code().equals(phaseCode)).findFirst();
  }

  public Optional<StageGate> gateFrom(String phaseCode) {
    return stageGates.stream().filter(g -> g.fromPhase().equals(phaseCode)).findFirst();
  }

  public boolean isEligible(ExpenseCategory category) {
    return eligibleExpenses.contains(category);
  }

  /**
   * The pool's budget for a fiscal year: the figure the seeds state for that year, else the latest
   * stated figure before it (an assumption: appropriations carry forward until a new figure is
   * entered), else none.
   */
  public Optional<Long> budgetFor(int fiscalYear) {
    SortedMap<Integer, Long> upTo = new TreeMap<>(budgets).headMap(fiscalYear + 1);
    return upTo.isEmpty() ? Optional.empty() : Optional.of(upTo.get(upTo.lastKey()));
  }
}
