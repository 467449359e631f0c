package jp.grants.catalog;

import static jp.grants.contracts.rule.Rule.Kind.CONFLICT;
import static jp.grants.contracts.rule.Rule.Kind.UNPROCESSABLE;

import java.util.Arrays;
import java.util.Optional;
import jp.grants.contracts.rule.Rule;

/**
 * The rules of the catalog's programs and decisions, and the rules the services share (each defined
 * once, here): every constant carries its stable wire name and the kind of refusal it makes.
 */
public enum CatalogRule implements Rule {
  DURATION("DURATION-WITHIN-PROGRAM", UNPROCESSABLE),
  HOSTS("HOST-INSTITUTIONS", UNPROCESSABLE),
  PLAN_YEARS("PLAN-COVERS-GRANT-YEARS", UNPROCESSABLE),
  ANNUAL_CAP("ANNUAL-CAP", UNPROCESSABLE),
  ANNUAL_FLOOR("ANNUAL-FLOOR", UNPROCESSABLE),
  TOTAL_CAP("TOTAL-CAP", UNPROCESSABLE),

  /**
   * The program does not fund the expense category (WPI: research project costs); a report line
   * names a category the program (narrowed by the award) does not fund.
   */
  EXPENSE_ELIGIBLE("EXPENSE-ELIGIBLE", UNPROCESSABLE),

  /** An annual amount above the phase's cap that a later phase allows, before a passed gate. */
  STEP_UP_REQUIRES_PASSED_GATE("STEP-UP-REQUIRES-PASSED-GATE", UNPROCESSABLE),

  /** The fiscal year is not one of the grant's years. */
  FISCAL_YEAR_OUTSIDE_GRANT("FISCAL-YEAR-OUTSIDE-GRANT", UNPROCESSABLE),

  /**
   * The grant was settled (額の確定): after the ledger's settlement no money of the grant moves, and
   * nothing of it changes any more.
   */
  GRANT_SETTLED("GRANT-SETTLED", CONFLICT),

  /** The grant is suspended (中断): nothing is paid until grant-service resumes it. */
  GRANT_SUSPENDED("GRANT-SUSPENDED", CONFLICT),

  CATALOG_VERSION_KNOWN("CATALOG-VERSION-KNOWN", UNPROCESSABLE),
  PROGRAM_KNOWN("PROGRAM-KNOWN", UNPROCESSABLE),
  STAGE_GATE_IN_PROGRAM("STAGE-GATE-IN-PROGRAM", UNPROCESSABLE),
  WIND_DOWN_END("WIND-DOWN-END", UNPROCESSABLE),
  INTERIM_EVALUATION_YEAR("INTERIM-EVALUATION-YEAR", UNPROCESSABLE),
  EXTENSION_GRADE("EXTENSION-GRADE", CONFLICT),
  DECISION_BY_COMMITTEE("DECISION-BY-COMMITTEE", CONFLICT),
  DIRECT_DECISION_REASON("DIRECT-DECISION-REASON", UNPROCESSABLE),

  /** A stage gate to a phase with requirements, and no annual follow-up up to the gate to judge. */
  STAGE_GATE_NEEDS_FOLLOW_UP("STAGE-GATE-NEEDS-FOLLOW-UP", CONFLICT),

  /** A stage gate to a phase with requirements that the latest follow-up up to the gate misses. */
  STAGE_GATE_REQUIREMENTS("STAGE-GATE-REQUIREMENTS", CONFLICT),

  /** A proposal to a program whose initial phase has requirements states no planned figures. */
  PLANNED_FIGURES("REQUIREMENT-PLANNED-FIGURES", UNPROCESSABLE),

  /** A requirement of a phase: the fewest principal investigators. */
  PRINCIPAL_INVESTIGATORS("REQUIREMENT-PRINCIPAL-INVESTIGATORS", UNPROCESSABLE),

  /** A requirement of a phase: the fewest staff in all. */
  TOTAL_STAFF("REQUIREMENT-TOTAL-STAFF", UNPROCESSABLE),

  /** A requirement of a phase: the least share of researchers from abroad. */
  FOREIGN_RESEARCHERS("REQUIREMENT-FOREIGN-RESEARCHERS", UNPROCESSABLE);

  private final String code;
  private final Kind kind;

  CatalogRule(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  /** The rule of a wire name (a requirement shortfall's {@code rule}), if the catalog has it. */
  public static Optional<CatalogRule> named(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
