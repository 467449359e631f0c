package jp.grants.ledger.report.domain;

import jp.grants.catalog.Rules;

/**
 * The stable names of the rules by which the ledger refuses an annual report, its approval or a
 * settlement. Clients may rely on them: they are the problem's {@code rule}.
 */
public final class ReportRules {
  /** A report line names a category the program (narrowed by the award) does not fund. */
  public static final String EXPENSE_ELIGIBLE = Rules.EXPENSE_ELIGIBLE;

  /**
   * The report claims more than the year holds (paid less refunded and carried out, plus carried
   * in).
   */
  public static final String REPORT_EXCEEDS_PAID = "REPORT-EXCEEDS-PAID";

  /** The grant-year has a report already (another request than the one that made it). */
  public static final String REPORT_ALREADY_SUBMITTED = "REPORT-ALREADY-SUBMITTED";

  /** Approval of a report that is not awaiting approval. */
  public static final String REPORT_NOT_AWAITING_APPROVAL = "REPORT-NOT-AWAITING-APPROVAL";

  /** No report for the grant-year. */
  public static final String UNKNOWN_REPORT = "UNKNOWN-REPORT";

  /** The grant is settled: nothing of it changes any more. */
  public static final String GRANT_SETTLED = "GRANT-SETTLED";

  /** The grant still runs (ACTIVE, and today's fiscal year is not after its end year). */
  public static final String SETTLEMENT_GRANT_RUNNING = "SETTLEMENT-GRANT-RUNNING";

  /** A year with money has no accepted annual report. */
  public static final String SETTLEMENT_YEAR_UNREPORTED = "SETTLEMENT-YEAR-UNREPORTED";

  /**
   * A reported year holds money other than what its report spent (to be carried over or refunded).
   */
  public static final String SETTLEMENT_MONEY_UNSETTLED = "SETTLEMENT-MONEY-UNSETTLED";

  /** The fiscal year is not one of the grant's. */
  public static final String FISCAL_YEAR_OUTSIDE_GRANT = "FISCAL-YEAR-OUTSIDE-GRANT";

  /** The ledger has no award for the grant. */
  public static final String UNKNOWN_GRANT = "UNKNOWN-GRANT";

  /** An Idempotency-Key was used before with another request. */
  public static final String IDEMPOTENCY_KEY_REUSED =
      jp.grants.platform.idempotency.Idempotency.REUSED_RULE;

  private ReportRules() {}
}
