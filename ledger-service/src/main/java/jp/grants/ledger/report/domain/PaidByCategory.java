package jp.grants.ledger.report.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.grants.contracts.ExpenseCategory;

/**
 * What a fiscal year holds per expense category, in whole yen, so that an annual report's lines can
 * be compared with it. Refunds and carry-overs carry no category, so they are attributed in
 * proportion:
 *
 * <ol>
 *   <li>the year's gross payments per category (its accepted disbursements);
 *   <li>plus the paid money carried in from the year before, spread over the categories in
 *       proportion to that year's gross payments (to this year's own payments when that year paid
 *       nothing; left without a category when neither did);
 *   <li>less what left the year (refunded and paid money carried out), spread over the result in
 *       proportion.
 * </ol>
 *
 * Every spread is whole yen by the largest-remainder method (ties to the category listed first), so
 * the parts add up exactly; the categories then sum to what the year holds.
 */
public final class PaidByCategory {
  private PaidByCategory() {}

  public static Map<ExpenseCategory, Long> net(
      Map<ExpenseCategory, Long> gross,
      Map<ExpenseCategory, Long> grossYearBefore,
      long paidCarriedIn,
      long leaving) {
    Map<ExpenseCategory, Long> pool = new EnumMap<>(ExpenseCategory.class);
    gross.forEach((c, v) -> pool.merge(c, v, Long::sum));
    Map<ExpenseCategory, Long> incomingWeights =
        total(grossYearBefore) > 0 ? grossYearBefore : gross;
    spread(paidCarriedIn, incomingWeights).forEach((c, v) -> pool.merge(c, v, Long::sum));
    long available = total(pool);
    Map<ExpenseCategory, Long> out = spread(Math.min(Math.max(leaving, 0), available), pool);
    Map<ExpenseCategory, Long> net = new EnumMap<>(ExpenseCategory.class);
    pool.forEach((c, v) -> net.put(c, v - out.getOrDefault(c, 0L)));
    return net;
  }

  /** The amount spread over the weights' keys in proportion, whole yen, summing exactly to it. */
  public static Map<ExpenseCategory, Long> spread(long amount, Map<ExpenseCategory, Long> weights) {
    Map<ExpenseCategory, Long> parts = new EnumMap<>(ExpenseCategory.class);
    long total = total(weights);
    if (amount <= 0 || total <= 0) {
      return parts;
    }
    record Part(ExpenseCategory category, BigInteger remainder) {}
    List<Part> remainders = new ArrayList<>();
    long given = 0;
    BigInteger big = BigInteger.valueOf(total);
    for (Map.Entry<ExpenseCategory, Long> w : new EnumMap<>(weights).entrySet()) {
      if (w.getValue() <= 0) {
        continue;
      }
      BigInteger[] qr =
          BigInteger.valueOf(amount)
              .multiply(BigInteger.valueOf(w.getValue()))
              .divideAndRemainder(big);
      parts.put(w.getKey(), qr[0].longValueExact());
      given += qr[0].longValueExact();
      remainders.add(new Part(w.getKey(), qr[1]));
    }
    remainders.sort(Comparator.comparing(Part::remainder).reversed().thenComparing(Part::category));
    for (int i = 0; given < amount; i++, given++) {
      parts.merge(remainders.get(i % remainders.size()).category(), 1L, Long::sum);
    }
    return parts;
  }

  static long total(Map<ExpenseCategory, Long> amounts) {
    long total = 0;
    for (long v : amounts.values()) {
      total = Math.addExact(total, Math.max(v, 0));
    }
    return total;
  }
}
