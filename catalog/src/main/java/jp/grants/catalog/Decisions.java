package jp.grants.catalog;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.ReviewKind;

/**
 * The rules a decision on a grant must keep, in one place for every service that takes or applies
 * one: review-service checks a committee's decision with them before the review is decided, and
 * grant-service applies the decision with the same rules, so a decision the committee could take
 * is one the grant accepts (unless the grant moved on in between).
 */
public final class Decisions {
  public static final String WIND_DOWN_END = "WIND-DOWN-END";
  public static final String INTERIM_EVALUATION_YEAR = "INTERIM-EVALUATION-YEAR";
  public static final String EXTENSION_GRADE = "EXTENSION-GRADE";
  public static final String DECISION_BY_COMMITTEE = "DECISION-BY-COMMITTEE";
  public static final String DIRECT_DECISION_REASON = "DIRECT-DECISION-REASON";

  /**
   * The decisions on a grant that the catalog names a decider for: the selection (award or
   * decline), the stage gate (pass or fail), and the interim and final evaluations' results. A
   * follow-up review comments on a center and decides nothing in the grant.
   */
  public static final List<ReviewKind> DECISION_KINDS = List.of(ReviewKind.SELECTION, ReviewKind.STAGE_GATE,
      ReviewKind.INTERIM_EVALUATION, ReviewKind.FINAL_EVALUATION);

  private Decisions() {}

  /** The decisions the program has: every kind, STAGE_GATE only where the program has a stage gate. */
  public static List<ReviewKind> kindsOf(Program program) {
    boolean gated = program.stageGates() != null && !program.stageGates().isEmpty();
    return DECISION_KINDS.stream().filter(kind -> kind != ReviewKind.STAGE_GATE || gated).toList();
  }

  /**
   * Who may take the decision: one from a decided review ({@code reviewId} set) always; a direct
   * one (a program officer's, no review) only where the catalog says {@link Decider#OFFICER_OR_COMMITTEE},
   * and then with a reason, which the decision's event records.
   */
  public static void checkDecider(Program program, ReviewKind kind, UUID reviewId, String reason) {
    if (reviewId != null) {
      return;
    }
    if (program.decider(kind) == Decider.COMMITTEE) {
      throw RuleViolation.conflict(DECISION_BY_COMMITTEE, program.code() + "'s " + kind
          + " is decided by its committee only: open a review of the grant in review-service"
          + " (POST /api/v1/reviews) and the committee's decision is applied to the grant when the review is decided;"
          + " a program officer cannot record it directly");
    }
    if (reason == null || reason.isBlank()) {
      throw RuleViolation.unprocessable(DIRECT_DECISION_REASON, "a program officer's direct " + kind + " decision on a "
          + program.code() + " grant (no committee review) states its reason");
    }
  }

  /**
   * An award: the plan names every year of the grant once, each within the initial phase's caps
   * (more than the initial cap where a later phase allows it is a step-up without a gate), and the
   * total within the program's total cap.
   */
  public static void checkAward(Program program, List<FiscalYearAmount> plan, int startFiscalYear, int endFiscalYear) {
    Rules.checkPlanInPhase(program, program.initialPhase(), plan, startFiscalYear, endFiscalYear);
    Rules.checkTotal(program, FiscalYearAmount.total(plan));
  }

  /** A passed stage gate: the years after the gate's within the target phase's caps. */
  public static void checkStageGatePass(Program program, String targetPhase, List<FiscalYearAmount> after,
      int gateFiscalYear, int endFiscalYear) {
    if (gateFiscalYear < endFiscalYear) {
      Phase target = program.phase(targetPhase).orElseThrow(() -> RuleViolation.unprocessable(
          "STAGE-GATE-IN-PROGRAM", program.code() + " has no phase " + targetPhase));
      Rules.checkPlanInPhase(program, target, after, gateFiscalYear + 1, endFiscalYear);
    }
  }

  /**
   * The end of a grant that failed its stage gate in {@code gateFiscalYear}: not before the gate,
   * not after the grant's end, and no later than the program's wind-down allows (WPI CORE: the end
   * of the following fiscal year).
   */
  public static void checkWindDownEnd(Program program, StageGate gate, int gateFiscalYear, int endFiscalYear,
      int askedEnd) {
    int latest = gate.latestWindDownEnd(gateFiscalYear, endFiscalYear);
    if (askedEnd < gateFiscalYear || askedEnd > latest) {
      throw RuleViolation.unprocessable(WIND_DOWN_END, "a " + program.code() + " grant that failed its stage gate in FY"
          + gateFiscalYear + " ends between FY" + gateFiscalYear + " and FY" + latest
          + (gate.windDownYears() == null ? "" : " (" + gate.windDownYears() + " fiscal year(s) of wind-down)")
          + "; FY" + askedEnd + " asked");
    }
  }

  /** The interim evaluation falls in the program's year for it, where the program names one. */
  public static void checkInterimYear(Program program, int startFiscalYear, int askedFiscalYear) {
    program.evaluationsOrAny().interimFiscalYear(startFiscalYear).ifPresent(year -> {
      if (askedFiscalYear != year) {
        throw RuleViolation.unprocessable(INTERIM_EVALUATION_YEAR, program.code() + " evaluates a grant midway in year "
            + program.evaluations().interimYear() + ", FY" + year + " for this grant; FY" + askedFiscalYear + " asked");
      }
    });
  }

  /** An extension is decided on a completed evaluation whose grade reaches the program's condition. */
  public static void checkExtensionGrade(Program program, String bestGrade) {
    Extension extension = program.extension();
    if (extension != null && !extension.allowsGrade(bestGrade)) {
      throw RuleViolation.conflict(EXTENSION_GRADE, program.code() + " extends a grant only on an evaluation graded "
          + (extension.minGrade() == null ? "S, A, B or C" : extension.minGrade() + " or better")
          + "; the best completed evaluation is graded " + bestGrade);
    }
  }
}
