package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.review.ReviewKind;

/**
 * A funding program (or one scheme of it) as the catalog states it. Every figure comes from the
 * seed documents or is listed under {@link #assumptions()}.
 *
 * @param budgetPool the code of the {@link BudgetPool} the program draws on; programs that draw on
 *     one budget share it (WPI, WPI CORE and Multiple Host WPI draw on the WPI budget; ASPIRE and
 *     NEXUS on JST's ASPIRE fund)
 * @param indirectCosts the indirect costs paid with each direct payment
 * @param expenseTransfers how much may move between expense categories without approval
 * @param refunds what an ordered return costs on top of the money
 * @param evaluations when the program evaluates its grants; null as {@link EvaluationSchedule#ANY}
 * @param totalCapYen the most a grant may receive over its whole life, where the program states it
 * @param deciders who takes each decision the program has ({@link Decisions#DECISION_KINDS};
 *     STAGE_GATE only where it has a stage gate): its committee only, or a program officer too
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    IndirectCosts indirectCosts,
    ExpenseTransfers expenseTransfers,
    RefundRules refunds,
    List<EvaluationAxis> evaluationAxes,
    EvaluationSchedule evaluations,
    Committee committee,
    Map<ReviewKind, Decider> deciders,
    List<String> sources,
    List<String> assumptions) {

  public EvaluationSchedule evaluationsOrAny() {
    return evaluations == null ? EvaluationSchedule.ANY : evaluations;
  }

  /**
   * Who takes decisions of the kind; the validator makes sure every kind the program has is named.
   * A program of a catalog version from before deciders (earlier than {@value
   * Decisions#DECIDERS_SINCE}) names none: a program officer may record any of its decisions, as
   * one could when that version was current (with a reason, which every direct decision now gives).
   */
  public Decider decider(ReviewKind kind) {
    if (deciders == null) {
      return Decider.OFFICER_OR_COMMITTEE;
    }
    Decider decider = deciders.get(kind);
    if (decider == null) {
      throw new IllegalArgumentException(code + " names no decider for " + kind);
    }
    return decider;
  }

  public Phase initialPhase() {
    return phases.get(0);
  }

  public Optional<Phase> phase(String phaseCode) {
    if (extension != null && extension.phase().equals(phaseCode)) {
      return Optional.of(
          new Phase(
              phaseCode, "Extension", extension.annualCapYen(), null, extension.maxYears(), null));
    }
    return phases.stream().filter(p -> p.code().equals(phaseCode)).findFirst();
  }

  public Optional<StageGate> gateFrom(String phaseCode) {
    return stageGates.stream().filter(g -> g.fromPhase().equals(phaseCode)).findFirst();
  }

  public boolean isEligible(ExpenseCategory category) {
    return eligibleExpenses.contains(category);
  }
}
