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

  /** The grant is suspended (中断): nothing is paid until grant-service resumes it. */
  public static final String GRANT_SUSPENDED = "GRANT-SUSPENDED";

  /** The fiscal year is not one of the grant's years. */
  public static final String FISCAL_YEAR_OUTSIDE_GRANT = "FISCAL-YEAR-OUTSIDE-GRANT";

  /** The ledger has no award for the grant. */
  public static final String UNKNOWN_GRANT = "UNKNOWN-GRANT";

  /** A disbursement moves a positive amount of yen (requests from events; REST validates it). */
  public static final String AMOUNT_POSITIVE = "DISBURSEMENT-AMOUNT-POSITIVE";

  /**
   * The fund the grant's pool draws on would be exceeded, or the fund does not cover the fiscal
   * year (cap level PROGRAM_FISCAL_YEAR: widening the CapLevel enum would break event schema v1).
   */
  public static final String CAP_PROGRAM_FUND = "LEDGER-CAP-PROGRAM-FUND";

  /** The grant was settled (額の確定): no money of it moves any more. */
  public static final String GRANT_SETTLED = "GRANT-SETTLED";

  /** A carry-over goes past the grant's last year (its end, or its last year when terminated). */
  public static final String CARRY_OVER_PAST_LAST_YEAR = "CARRY-OVER-PAST-LAST-YEAR";

  /**
   * A fiscal year may be carried over from 1 January of the calendar year it ends in, not before.
   */
  public static final String CARRY_OVER_TOO_EARLY = "CARRY-OVER-TOO-EARLY";

  /**
   * A yearly subsidy's money moves to the next year only with a program officer's approval and a
   * reason.
   */
  public static final String CARRY_OVER_APPROVAL_REQUIRED = "CARRY-OVER-APPROVAL-REQUIRED";

  /**
   * More than the year's unpaid allocation and paid-but-unspent money (less what was reported
   * spent).
   */
  public static final String CARRY_OVER_EXCEEDS_UNSPENT = "CARRY-OVER-EXCEEDS-UNSPENT";

  /** A refund returns at most what the year holds (paid, less refunded and carried out). */
  public static final String REFUND_EXCEEDS_PAID = "REFUND-EXCEEDS-PAID";

  /** Only a program officer orders a return, and with a reason. */
  public static final String REFUND_ORDER_REQUIRES_PROGRAM_OFFICER =
      "REFUND-ORDER-REQUIRES-PROGRAM-OFFICER";

  /** A voluntary return is made by the recipient (applicant) or finance, not ordered. */
  public static final String REFUND_VOLUNTARY_BY_RECIPIENT = "REFUND-VOLUNTARY-BY-RECIPIENT";

  /** An ordered return names its reason. */
  public static final String REFUND_REASON_REQUIRED = "REFUND-REASON-REQUIRED";

  /** An Idempotency-Key was used again with a different request. */
  public static final String IDEMPOTENCY_KEY_REUSED =
      jp.grants.platform.idempotency.Idempotency.REUSED_RULE;

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
      case CAP_GRANT_FISCAL_YEAR,
          CAP_GRANT_TOTAL,
          CAP_PROGRAM_FISCAL_YEAR,
          CAP_PROGRAM_FUND,
          GRANT_NOT_ACTIVE,
          GRANT_SUSPENDED,
          UNKNOWN_GRANT,
          GRANT_SETTLED,
          CARRY_OVER_TOO_EARLY,
          CARRY_OVER_EXCEEDS_UNSPENT,
          REFUND_EXCEEDS_PAID ->
          RuleViolation.Kind.CONFLICT;
      default -> RuleViolation.Kind.UNPROCESSABLE;
    };
  }

  /**
   * The HTTP status of a refusal: 403 for who may ask, 409 for the state of the money, else 422.
   */
  public static int status(String rule) {
    return switch (rule) {
      case CARRY_OVER_APPROVAL_REQUIRED,
          REFUND_ORDER_REQUIRES_PROGRAM_OFFICER,
          REFUND_VOLUNTARY_BY_RECIPIENT ->
          403;
      default -> kindOf(rule) == RuleViolation.Kind.CONFLICT ? 409 : 422;
    };
  }
}
