package jp.grants.ledger.disbursement.domain;

import jp.grants.catalog.RuleViolation;
import jp.grants.catalog.Rules;
import jp.grants.contracts.CapLevel;

/**
 * The stable names of the rules by which the ledger refuses a disbursement. Clients may rely on
 * them; they are part of the API (problem {@code rule}, DisbursementRejected {@code rule}).
 */
public final class LedgerRules {
  /** The grant's allocation for the fiscal year would be exceeded. */
  public static final String CAP_GRANT_FISCAL_YEAR = "LEDGER-CAP-GRANT-FISCAL-YEAR";
  /** The grant's total award over its whole life would be exceeded. */
  public static final String CAP_GRANT_TOTAL = "LEDGER-CAP-GRANT-TOTAL";
  /** The budget pool's budget for the fiscal year would be exceeded (or there is none). */
  public static final String CAP_PROGRAM_FISCAL_YEAR = "LEDGER-CAP-PROGRAM-FISCAL-YEAR";
  /** The program does not fund the expense category (WPI: research project costs). */
  public static final String EXPENSE_ELIGIBLE = Rules.EXPENSE_ELIGIBLE;
  /** The grant is closed, or terminated before the fiscal year asked for. */
  public static final String GRANT_NOT_ACTIVE = "GRANT-NOT-ACTIVE";
  /** The fiscal year is not one of the grant's years. */
  public static final String FISCAL_YEAR_OUTSIDE_GRANT = "FISCAL-YEAR-OUTSIDE-GRANT";
  /** The ledger has no award for the grant. */
  public static final String UNKNOWN_GRANT = "UNKNOWN-GRANT";
  /** A disbursement moves a positive amount of yen (requests from events; REST validates it). */
  public static final String AMOUNT_POSITIVE = "DISBURSEMENT-AMOUNT-POSITIVE";
  /** An Idempotency-Key was used again with a different request. */
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY-KEY-REUSED";

  private LedgerRules() {}

  public static String capRule(CapLevel level) {
    return switch (level) {
      case GRANT_FISCAL_YEAR -> CAP_GRANT_FISCAL_YEAR;
      case GRANT_TOTAL -> CAP_GRANT_TOTAL;
      case PROGRAM_FISCAL_YEAR -> CAP_PROGRAM_FISCAL_YEAR;
    };
  }

  /**
   * A refusal by the state of the money (a cap, the grant's status) is a conflict (HTTP 409); a
   * request that breaks a rule of its program or grant by itself is unprocessable (HTTP 422).
   */
  public static RuleViolation.Kind kindOf(String rule) {
    return switch (rule) {
      case CAP_GRANT_FISCAL_YEAR, CAP_GRANT_TOTAL, CAP_PROGRAM_FISCAL_YEAR, GRANT_NOT_ACTIVE, UNKNOWN_GRANT ->
          RuleViolation.Kind.CONFLICT;
      default -> RuleViolation.Kind.UNPROCESSABLE;
    };
  }
}
