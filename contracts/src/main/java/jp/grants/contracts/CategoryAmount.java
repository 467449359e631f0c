package jp.grants.contracts;

/** An amount of whole yen spent in one expense category (an annual financial report's line). */
public record CategoryAmount(ExpenseCategory category, @Minimum(0) long amountYen) {
  public CategoryAmount {
    if (amountYen < 0) {
      throw new IllegalArgumentException("amountYen must not be negative: " + amountYen);
    }
  }
}
