package jp.grants.grant.command;

import java.util.List;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.RuleViolation;
import jp.grants.catalog.Rules;
import jp.grants.catalog.StageGate;
import jp.grants.contracts.FiscalYearAmount;

/** The grant-lifecycle rules, each with the stable name a refusal carries. */
public final class GrantRules {
  public static final String STATUS = "GRANT-STATUS";
  public static final String FISCAL_YEAR_OUTSIDE_GRANT = "FISCAL-YEAR-OUTSIDE-GRANT";
  public static final String FOLLOW_UP_FIGURES = "FOLLOW-UP-FIGURES";
  public static final String PLANNED_FIGURES = "PLANNED-FIGURES";
  public static final String FOLLOW_UP_ONCE = "FOLLOW-UP-ONCE-PER-YEAR";
  public static final String STAGE_GATE_IN_PROGRAM = "STAGE-GATE-IN-PROGRAM";
  public static final String STAGE_GATE_DEADLINE = "STAGE-GATE-DEADLINE";
  public static final String STAGE_GATE_SCHEDULED = "STAGE-GATE-SCHEDULED";
  public static final String STAGE_GATE_ALREADY_SCHEDULED = "STAGE-GATE-ALREADY-SCHEDULED";
  public static final String STEP_UP_REQUIRES_PASSED_GATE = Rules.STEP_UP_REQUIRES_PASSED_GATE;
  public static final String WIND_DOWN_END = jp.grants.catalog.Decisions.WIND_DOWN_END;
  public static final String EVALUATION_SCHEDULED = "EVALUATION-SCHEDULED";
  public static final String EVALUATION_ONCE = "EVALUATION-ONCE";
  public static final String EVALUATION_GRADE = "EVALUATION-GRADE";
  public static final String EXTENSION_IN_PROGRAM = "EXTENSION-IN-PROGRAM";
  public static final String EXTENSION_YEARS = "EXTENSION-YEARS";
  public static final String EXTENSION_NEEDS_EVALUATION = "EXTENSION-NEEDS-EVALUATION";
  public static final String TERMINATION_YEAR = "TERMINATION-YEAR";
  public static final String GRANT_SUSPENDED = "GRANT-SUSPENDED";
  public static final String SUSPENSION_DATE = "SUSPENSION-DATE";
  public static final String CHANGE_DATE = "CHANGE-DATE";
  public static final String PI_CHANGE_SAME = "PI-CHANGE-SAME";
  public static final String HOST_CHANGE_SAME = "HOST-CHANGE-SAME";
  public static final String NO_COST_EXTENSION_YEARS = "NO-COST-EXTENSION-YEARS";

  /**
   * The fiscal years a grant's end may move without money, in all (an assumption: the seeds name
   * none; KAKENHI's fund-type rule of one year is the model, docs/seed-rules.md).
   */
  public static final int NO_COST_EXTENSION_MAX_YEARS = 1;

  public static final String ACADEMY_PROGRAM = "ACADEMY-PROGRAM";
  public static final String ACADEMY_EVALUATION = "ACADEMY-EVALUATION";
  public static final String ACADEMY_REPORT_YEAR = "ACADEMY-REPORT-YEAR";
  public static final String ACADEMY_REPORT_ONCE = "ACADEMY-REPORT-ONCE-PER-YEAR";

  /** The final evaluation's grade on which World Premier Status is granted (an assumption). */
  public static final String WORLD_PREMIER_GRADE = "S";

  /** The budget pool of the WPI programs, whose closed centers may join the WPI Academy. */
  public static final String WPI_POOL = "WPI";

  public static final String DISBURSEMENT_ID_UNIQUE = "DISBURSEMENT-ID-UNIQUE";
  public static final String DISBURSEMENT_AMOUNT = "DISBURSEMENT-AMOUNT";
  public static final String GRANT_YEAR_ALLOCATION = "GRANT-YEAR-ALLOCATION";

  /**
   * A grant that was paid money closes only once the ledger settled it, and with no disbursement
   * open.
   */
  public static final String GRANT_UNSETTLED = "GRANT-UNSETTLED";

  /** After the ledger's settlement no money of the grant moves. */
  public static final String GRANT_SETTLED = "GRANT-SETTLED";

  public static final List<String> GRADES = List.of("S", "A", "B", "C");

  private GrantRules() {}

  /** A plan within a phase's caps: the catalog's rule, as review-service applies it too. */
  public static void checkPlanInPhase(
      Program program, Phase phase, List<FiscalYearAmount> plan, int first, int last) {
    Rules.checkPlanInPhase(program, phase, plan, first, last);
  }

  public static StageGate requireGate(Program program, String phase) {
    return program
        .gateFrom(phase)
        .orElseThrow(
            () ->
                RuleViolation.unprocessable(
                    STAGE_GATE_IN_PROGRAM,
                    program.code() + " has no stage gate from phase " + phase));
  }

  public static RuleViolation wrongStatus(
      String action, GrantStatus actual, GrantStatus... allowed) {
    return RuleViolation.conflict(
        STATUS,
        "cannot "
            + action
            + " a grant that is "
            + actual
            + " (allowed when "
            + List.of(allowed)
            + ")");
  }
}
