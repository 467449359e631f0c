package jp.grants.review.review.domain;

/** The fiscal years a grant runs: from its start for its duration. */
public record GrantTerm(int startFiscalYear, int durationYears) {
  public int lastFiscalYear() {
    return startFiscalYear + durationYears - 1;
  }
}
