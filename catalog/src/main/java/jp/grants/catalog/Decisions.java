package jp.grants.catalog;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.RequirementShortfall;
import jp.grants.contracts.review.ReviewKind;

/**
 * The rules a decision on a grant must keep, in one place for every service that takes or applies
 * one: review-service checks a committee's decision with them before the review is decided, and
 * grant-service applies the decision with the same rules, so a decision the committee could take is
 * one the grant accepts (unless the grant moved on in between).
 */
public final class Decisions {

  /**
   * The decisions on a grant that the catalog names a decider for: the selection (award or
   * decline), the stage gate (pass or fail), and the interim and final evaluations' results. A
   * follow-up review comments on a center and decides nothing in the grant.
   */
  public static final List<ReviewKind> DECISION_KINDS =
      List.of(
          ReviewKind.SELECTION,
          ReviewKind.STAGE_GATE,
          ReviewKind.INTERIM_EVALUATION,
          ReviewKind.FINAL_EVALUATION);

  /** The first catalog version that names its programs' deciders. */
  public static final String DECIDERS_SINCE = "2026.12.3";

  private Decisions() {}

  /**
   * True for a catalog version published before {@link #DECIDERS_SINCE} (versions are dotted
   * numbers).
   */
  static boolean predatesDeciders(String version) {
    String[] a = version.split("\\.");
    String[] b = DECIDERS_SINCE.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? parse(a[i]) : 0;
      int y = i < b.length ? parse(b[i]) : 0;
      if (x != y) {
        return x < y;
      }
    }
    return false;
  }

  private static int parse(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // not a published version's shape: held to today's rules
    }
  }

  /**
   * The decisions the program has: every kind, STAGE_GATE only where the program has a stage gate.
   */
  public static List<ReviewKind> kindsOf(Program program) {
    boolean gated = program.stageGates() != null && !program.stageGates().isEmpty();
    return DECISION_KINDS.stream().filter(kind -> kind != ReviewKind.STAGE_GATE || gated).toList();
  }

  /**
   * Who may take the decision: one from a decided review ({@code reviewId} set) always; a direct
   * one (a program officer's, no review) only where the catalog says {@link
   * Decider#OFFICER_OR_COMMITTEE}, and then with a reason, which the decision's event records.
   */
  public static void checkDecider(Program program, ReviewKind kind, UUID reviewId, String reason) {
    if (reviewId != null) {
      return;
    }
    if (program.decider(kind) == Decider.COMMITTEE) {
      throw CatalogRule.DECISION_BY_COMMITTEE.violation(
          program.code()
              + "'s "
              + kind
              + " is decided by its committee only: open a review of the grant in review-service"
              + " (POST /api/v1/reviews) and the committee's decision is applied to the grant when the review is decided;"
              + " a program officer cannot record it directly");
    }
    if (reason == null || reason.isBlank()) {
      throw CatalogRule.DIRECT_DECISION_REASON.violation(
          "a program officer's direct "
              + kind
              + " decision on a "
              + program.code()
              + " grant (no committee review) states its reason");
    }
  }

  /**
   * An award: the plan names every year of the grant once, each within the initial phase's caps
   * (more than the initial cap where a later phase allows it is a step-up without a gate), and the
   * total within the program's total cap; and the proposal's planned figures meet the initial
   * phase's requirements ({@link #checkAwardRequirements}).
   *
   * @param planned the proposal's planned figures (ProposalSubmitted.plannedFigures); null if none
   */
  public static void checkAward(
      Program program,
      CenterFigures planned,
      List<FiscalYearAmount> plan,
      int startFiscalYear,
      int endFiscalYear) {
    Rules.checkPlanInPhase(program, program.initialPhase(), plan, startFiscalYear, endFiscalYear);
    Rules.checkTotal(program, FiscalYearAmount.total(plan));
    checkAwardRequirements(program, planned);
  }

  /**
   * The call's requirements are conditions of eligibility (WPI: 「PI 7〜10人程度以上」, 「総勢70〜100人程度以上」,
   * 「研究者の30%以上が外国からの研究者」, seed S003): a proposal is awarded only if its planned figures meet every
   * requirement of the program's initial phase, and where there are requirements it must state
   * them. A refusal names the first requirement missed ({@link Requirements}'s rule codes).
   */
  public static void checkAwardRequirements(Program program, CenterFigures planned) {
    Phase initial = program.initialPhase();
    Requirements required = initial.requirementsOrNone();
    if (required.isNone()) {
      return;
    }
    if (planned == null) {
      throw CatalogRule.PLANNED_FIGURES.violation(
          program.code()
              + " phase "
              + initial.code()
              + " requires "
              + required.describe()
              + "; the proposal states no planned figures (plannedFigures)");
    }
    List<RequirementShortfall> shortfalls = required.shortfalls(planned);
    if (!shortfalls.isEmpty()) {
      throw CatalogRule.named(shortfalls.get(0).rule())
          .orElseThrow()
          .violation(
              program.code()
                  + " awards only centers that plan "
                  + required.describe()
                  + " (phase "
                  + initial.code()
                  + "); the proposal plans "
                  + Requirements.describe(shortfalls));
    }
  }

  /**
   * The requirements of the grant's current phase that a year's follow-up does not meet. A running
   * center below them is flagged, not refused: one year's figures do not end a center; the
   * committee's follow-up review and the evaluations judge it (docs/seed-rules.md).
   */
  public static List<RequirementShortfall> followUpShortfalls(
      Program program, String phaseCode, CenterFigures reported) {
    Requirements required =
        program.phase(phaseCode).map(Phase::requirementsOrNone).orElse(Requirements.NONE);
    return required.shortfalls(reported);
  }

  /**
   * A stage gate passes only when the center's latest annual follow-up up to the gate's fiscal year
   * meets the requirements of the phase the grant steps up to (WPI CORE's STEP-UP: 7 PIs, 70 staff,
   * 30 % from abroad, a catalog assumption, docs/seed-rules.md). The same check for the committee's
   * PASS in review-service and for the decision grant-service applies; both refuse with 409: the
   * grant's reported state, not the request, stands in the way, so no other request body passes.
   *
   * @param latest the latest follow-up reported for a fiscal year up to {@code gateFiscalYear};
   *     null if none
   */
  public static void checkStageGateReadiness(
      Program program, String targetPhase, int gateFiscalYear, FollowUpFigures latest) {
    Phase target =
        program
            .phase(targetPhase)
            .orElseThrow(
                () ->
                    CatalogRule.STAGE_GATE_IN_PROGRAM.violation(
                        program.code() + " has no phase " + targetPhase));
    Requirements required = target.requirementsOrNone();
    if (required.isNone()) {
      return;
    }
    if (latest == null) {
      throw CatalogRule.STAGE_GATE_NEEDS_FOLLOW_UP.violation(
          "a stage gate to "
              + program.code()
              + " phase "
              + targetPhase
              + " judges the center's latest annual follow-up against "
              + required.describe()
              + "; none is reported up to FY"
              + gateFiscalYear);
    }
    if (latest.fiscalYear() > gateFiscalYear) {
      throw new IllegalArgumentException(
          "the FY" + latest.fiscalYear() + " follow-up is after the FY" + gateFiscalYear + " gate");
    }
    List<RequirementShortfall> shortfalls = required.shortfalls(latest.centerFigures());
    if (!shortfalls.isEmpty()) {
      throw CatalogRule.STAGE_GATE_REQUIREMENTS.violation(
          program.code()
              + " phase "
              + targetPhase
              + " needs "
              + required.describe()
              + "; the FY"
              + latest.fiscalYear()
              + " follow-up reports "
              + latest.principalInvestigators()
              + " PIs, "
              + latest.totalStaff()
              + " staff, "
              + latest.researchersFromAbroad()
              + " of "
              + latest.researchers()
              + " researchers from abroad ("
              + Requirements.describe(shortfalls)
              + ")");
    }
  }

  /** A passed stage gate: the years after the gate's within the target phase's caps. */
  public static void checkStageGatePass(
      Program program,
      String targetPhase,
      List<FiscalYearAmount> after,
      int gateFiscalYear,
      int endFiscalYear) {
    if (gateFiscalYear < endFiscalYear) {
      Phase target =
          program
              .phase(targetPhase)
              .orElseThrow(
                  () ->
                      CatalogRule.STAGE_GATE_IN_PROGRAM.violation(
                          program.code() + " has no phase " + targetPhase));
      Rules.checkPlanInPhase(program, target, after, gateFiscalYear + 1, endFiscalYear);
    }
  }

  /**
   * The end of a grant that failed its stage gate in {@code gateFiscalYear}: not before the gate,
   * not after the grant's end, and no later than the program's wind-down allows (WPI CORE: the end
   * of the following fiscal year).
   */
  public static void checkWindDownEnd(
      Program program, StageGate gate, int gateFiscalYear, int endFiscalYear, int askedEnd) {
    int latest = gate.latestWindDownEnd(gateFiscalYear, endFiscalYear);
    if (askedEnd < gateFiscalYear || askedEnd > latest) {
      throw CatalogRule.WIND_DOWN_END.violation(
          "a "
              + program.code()
              + " grant that failed its stage gate in FY"
              + gateFiscalYear
              + " ends between FY"
              + gateFiscalYear
              + " and FY"
              + latest
              + (gate.windDownYears() == null
                  ? ""
                  : " (" + gate.windDownYears() + " fiscal year(s) of wind-down)")
              + "; FY"
              + askedEnd
              + " asked");
    }
  }

  /** The interim evaluation falls in the program's year for it, where the program names one. */
  public static void checkInterimYear(Program program, int startFiscalYear, int askedFiscalYear) {
    program
        .evaluationsOrAny()
        .interimFiscalYear(startFiscalYear)
        .ifPresent(
            year -> {
              if (askedFiscalYear != year) {
                throw CatalogRule.INTERIM_EVALUATION_YEAR.violation(
                    program.code()
                        + " evaluates a grant midway in year "
                        + program.evaluations().interimYear()
                        + ", FY"
                        + year
                        + " for this grant; FY"
                        + askedFiscalYear
                        + " asked");
              }
            });
  }

  /**
   * An extension is decided on a completed evaluation whose grade reaches the program's condition.
   */
  public static void checkExtensionGrade(Program program, String bestGrade) {
    Extension extension = program.extension();
    if (extension != null && !extension.allowsGrade(bestGrade)) {
      throw CatalogRule.EXTENSION_GRADE.violation(
          program.code()
              + " extends a grant only on an evaluation graded "
              + (extension.minGrade() == null
                  ? "S, A, B or C"
                  : extension.minGrade() + " or better")
              + "; the best completed evaluation is graded "
              + bestGrade);
    }
  }
}
