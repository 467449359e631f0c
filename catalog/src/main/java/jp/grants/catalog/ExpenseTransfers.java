package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much a recipient may move between expense categories (費目間流用) without approval: what the
 * annual report shows spent beyond what was paid for a category, summed over the categories, may
 * reach {@code freePercent} of the year's direct costs, or {@code freeFloorYen} where that is more
 * (KAKENHI: 50 %, or 3,000,000 yen when 50 % is less). Beyond it a program officer must approve.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpenseTransfers(int freePercent, long freeFloorYen, String source) {

  /** The most that may move in a year with this much direct money, without approval. */
  public long freeLimitYen(long directYen) {
    return Math.max(Math.multiplyExact(directYen, (long) freePercent) / 100, freeFloorYen);
  }
}
