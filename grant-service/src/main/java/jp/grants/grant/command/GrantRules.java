package jp.grants.grant.command;

import java.util.List;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.Rules;
import jp.grants.catalog.StageGate;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.rule.RuleViolation;

/**
 * The grant-lifecycle rules' checks and figures; the rules themselves, each with its wire name and
 * kind, are {@link GrantRule}'s constants (and {@link CatalogRule}'s for the shared ones).
 */
public final class GrantRules {
  /**
   * The fiscal years a grant's end may move without money, in all (an assumption: the seeds name
   * none; KAKENHI's fund-type rule of one year is the model, docs/seed-rules.md).
   */
  public static final int NO_COST_EXTENSION_MAX_YEARS = 1;

  /** The final evaluation's grade on which World Premier Status is granted (an assumption). */
  public static final String WORLD_PREMIER_GRADE = "S";

  /** The budget pool of the WPI programs, whose closed centers may join the WPI Academy. */
  public static final String WPI_POOL = "WPI";

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
                CatalogRule.STAGE_GATE_IN_PROGRAM.violation(
                    program.code() + " has no stage gate from phase " + phase));
  }

  public static RuleViolation wrongStatus(
      String action, GrantStatus actual, GrantStatus... allowed) {
    return GrantRule.STATUS.violation(
        "cannot "
            + action
            + " a grant that is "
            + actual
            + " (allowed when "
            + List.of(allowed)
            + ")");
  }
}
