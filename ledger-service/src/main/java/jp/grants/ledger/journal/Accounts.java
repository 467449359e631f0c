package jp.grants.ledger.journal;

import java.util.UUID;

/**
 * The ledger's accounts. Each of the three caps is an account whose balance is its headroom: {@link
 * #grantAllocation} (the grant's allocation for a fiscal year), {@link #grantAward} (the grant's
 * total award) and {@link #programBudget} (the pool's budget for a fiscal year). Every disbursement
 * credits all three and debits their counter-accounts.
 */
public final class Accounts {
  private Accounts() {}

  /** Where a pool's budget comes from (credit balance = the budget). */
  public static String appropriation(String pool, int fiscalYear) {
    return "appropriation:" + pool + ":" + fiscalYear;
  }

  /** Debit balance = the pool's budget for the year less what was disbursed from it. */
  public static String programBudget(String pool, int fiscalYear) {
    return "program:" + pool + ":" + fiscalYear + ":budget";
  }

  /** Credit balance = what the pool allocated to grants for the year and they have not spent. */
  public static String programCommitments(String pool, int fiscalYear) {
    return "program:" + pool + ":" + fiscalYear + ":commitments";
  }

  /** Credit balance = what the pool awarded to grants in total and they have not spent. */
  public static String programAwards(String pool) {
    return "program:" + pool + ":awards";
  }

  /** Debit balance = the grant's allocation for the year less what was disbursed from it. */
  public static String grantAllocation(UUID grantId, int fiscalYear) {
    return "grant:" + grantId + ":" + fiscalYear + ":allocation";
  }

  /** Debit balance = the grant's total award less what was disbursed from it. */
  public static String grantAward(UUID grantId) {
    return "grant:" + grantId + ":award";
  }

  /** Debit balance = everything paid out of the grant. */
  public static String grantDisbursed(UUID grantId) {
    return "grant:" + grantId + ":disbursed";
  }

  /** Debit balance = a fund's total less what was drawn from it (direct and indirect costs). */
  public static String fundBudget(String pool) {
    return "fund:" + pool + ":budget";
  }

  /** Where a fund's total comes from (credit balance = the total). */
  public static String fundAppropriation(String pool) {
    return "appropriation:" + pool + ":fund";
  }

  /**
   * The pool account a payment of the fiscal year is drawn from: the fund's, or the year's budget.
   */
  public static String poolBudget(String pool, boolean fund, int fiscalYear) {
    return fund ? fundBudget(pool) : programBudget(pool, fiscalYear);
  }

  /**
   * Debit balance = the indirect costs paid with the grant's payments to its host institution, less
   * returned.
   */
  public static String grantIndirect(UUID grantId) {
    return "grant:" + grantId + ":host-indirect";
  }

  /** Debit balance = paid money carried into the year less paid money carried out of it. */
  public static String grantPaidCarried(UUID grantId, int fiscalYear) {
    return "grant:" + grantId + ":" + fiscalYear + ":paid-carried";
  }

  /** Debit balance = the additional charges (加算金) the grant's recipient owes on ordered returns. */
  public static String grantAdditionalCharges(UUID grantId) {
    return "grant:" + grantId + ":additional-charges";
  }

  /** Credit balance = the additional charges due to the pool's funder. */
  public static String poolAdditionalCharges(String pool) {
    return "program:" + pool + ":additional-charges";
  }
}
