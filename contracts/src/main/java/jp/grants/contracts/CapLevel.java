package jp.grants.contracts;

/** The three levels at which money is capped. A disbursement may push none of them over. */
public enum CapLevel {
  /** The grant's allocation for one fiscal year. */
  GRANT_FISCAL_YEAR,
  /** The grant's total award over its whole life. */
  GRANT_TOTAL,
  /** The program's budget for one fiscal year (e.g. WPI FY2025: 7,200,000,000 yen). */
  PROGRAM_FISCAL_YEAR
}
