package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a return of money ordered by the funder costs the recipient on top of the money.
 *
 * @param additionalChargeBasisPointsPerYear the additional charge (加算金) on an ordered return, per
 *     year, in hundredths of a percent (1095 = 10.95 %, Subsidies Act Art. 19); 0 where the program
 *     is not a subsidy under the Act (JST commissions research by contract)
 * @param source where the rule comes from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundRules(int additionalChargeBasisPointsPerYear, String source) {
  public static final RefundRules NONE = new RefundRules(0, "none");

  /**
   * The additional charge on an amount held for a number of days: amount × rate × days / 365 (also
   * in leap years, Art. 19(3)), rounded down to whole yen.
   */
  public long chargeOn(long amountYen, long days) {
    if (amountYen <= 0 || days <= 0 || additionalChargeBasisPointsPerYear <= 0) {
      return 0;
    }
    return java.math.BigInteger.valueOf(amountYen)
        .multiply(java.math.BigInteger.valueOf(additionalChargeBasisPointsPerYear))
        .multiply(java.math.BigInteger.valueOf(days))
        .divide(java.math.BigInteger.valueOf(10_000L * 365))
        .longValueExact();
  }
}
