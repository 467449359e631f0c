package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Indirect costs (間接経費): paid to the host institution with each direct payment, at a rate of the
 * direct amount, rounded down to whole yen.
 *
 * @param ratePercent of direct costs (30 at JSPS and JST; 0 where none are paid)
 * @param outsideDirectCaps true when the program's caps are caps on direct costs (KAKENHI-ILR's 500
 *     million total is direct costs): indirect costs then count against the pool's budget or fund
 *     only, never against the grant's allocations or total
 * @param source where the rate comes from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndirectCosts(int ratePercent, boolean outsideDirectCaps, String source) {
  public static final IndirectCosts NONE = new IndirectCosts(0, true, "none");

  /** The indirect costs that go with a direct amount: rate × amount, rounded down to whole yen. */
  public long on(long directYen) {
    return Math.multiplyExact(directYen, (long) ratePercent) / 100;
  }
}
