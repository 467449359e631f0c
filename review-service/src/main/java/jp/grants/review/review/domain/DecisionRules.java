package jp.grants.review.review.domain;

import java.util.List;
import jp.grants.catalog.Decisions;
import jp.grants.catalog.Program;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.rule.ReviewRule;

/** What a committee decision must say, by the kind of review it decides. */
public final class DecisionRules {
  public static final List<String> GRADES = List.of("S", "A", "B", "C");

  private DecisionRules() {}

  public static boolean graded(ReviewKind kind) {
    return Recommendation.GRADED.fits(kind);
  }

  public static void checkFits(ReviewKind kind, Recommendation recommendation) {
    if (!recommendation.fits(kind)) {
      throw ReviewRule.RECOMMENDATION_FITS_KIND.violation(
          "a "
              + kind
              + " review cannot end in "
              + recommendation
              + "; it ends in one of "
              + fitting(kind));
    }
  }

  /** Graded reviews carry S, A, B or C; the others carry no grade. */
  public static void checkGrade(ReviewKind kind, String grade) {
    if (graded(kind) && (grade == null || !GRADES.contains(grade))) {
      throw ReviewRule.DECISION_GRADE.violation(
          "a " + kind + " decision carries a grade, one of " + GRADES + "; got " + grade);
    }
    if (!graded(kind) && grade != null) {
      throw ReviewRule.DECISION_GRADE.violation(
          "a " + kind + " decision carries no grade; got " + grade);
    }
  }

  /**
   * Only an award or a passed stage gate sets money, and then by exactly the rules grant-service
   * applies to the decision ({@link Decisions}, from the catalog): an award's plan names every year
   * of the grant once within the initial phase's caps (WPI CORE: more than 500,000,000 yen a year
   * before its stage gate is refused as {@code STEP-UP-REQUIRES-PASSED-GATE}) and keeps the total
   * cap; a passed gate's plan names every year after the gate within the target phase's caps. An
   * award also needs the proposal's planned figures to meet the initial phase's requirements (WPI:
   * 7 PIs, 70 staff, 30 % from abroad), with or without allocations. A refusal carries the
   * catalog's rule name, the one grant-service would answer.
   *
   * @param planned the proposal's planned figures (ProposalSubmitted.plannedFigures); null if none
   */
  public static void checkAllocations(
      Program program,
      ReviewKind kind,
      Recommendation recommendation,
      GrantTerm term,
      int gateFiscalYear,
      String targetPhase,
      List<FiscalYearAmount> allocations,
      CenterFigures planned) {
    if (kind == ReviewKind.SELECTION && recommendation == Recommendation.AWARD) {
      if (allocations.isEmpty()) {
        // The grant keeps the proposal's plan, checked by the same rules when it was submitted.
        Decisions.checkAwardRequirements(program, planned);
      } else {
        Decisions.checkAward(
            program, planned, allocations, term.startFiscalYear(), term.lastFiscalYear());
      }
      return;
    }
    if (allocations.isEmpty()) {
      return; // the grant keeps the plan it has
    }
    boolean setsMoney =
        recommendation == Recommendation.AWARD || recommendation == Recommendation.PASS;
    if (!setsMoney) {
      throw ReviewRule.DECISION_ALLOCATIONS.violation(
          "only an AWARD or a PASS sets allocations; a " + recommendation + " carries none");
    }
    if (kind == ReviewKind.STAGE_GATE) {
      if (gateFiscalYear >= term.lastFiscalYear()) {
        throw ReviewRule.DECISION_ALLOCATIONS.violation(
            "the stage gate of FY"
                + gateFiscalYear
                + " is in the grant's last year: there are no later years to allocate");
      }
      Decisions.checkStageGatePass(
          program, targetPhase, allocations, gateFiscalYear, term.lastFiscalYear());
    }
  }

  private static List<Recommendation> fitting(ReviewKind kind) {
    return java.util.Arrays.stream(Recommendation.values()).filter(r -> r.fits(kind)).toList();
  }
}
