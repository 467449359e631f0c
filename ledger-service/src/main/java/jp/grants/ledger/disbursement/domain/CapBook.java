package jp.grants.ledger.disbursement.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;

/**
 * The three caps of a batch of disbursements as read under lock, and the decisions taken against
 * them one request after another, in the order the requests came. Each acceptance takes its amount
 * from the grant's total award, the grant's allocation for the year and the pool's budget for the
 * year at once; a request that any of them cannot cover is refused naming the first cap that could
 * not (total, year, pool), with what was left under it at that moment. Nothing here touches the
 * database: the batch writes what the book says, one update per cap row ({@link #grantTotals()},
 * {@link #grantYears()}, {@link #poolYears()}).
 */
public final class CapBook {
  /** A grant's account as locked: its terms and its total cap. */
  public record Grant(UUID grantId, String programCode, String budgetPool, GrantTerms terms, long totalCapYen,
      long disbursedYen) {}

  /** A (grant, fiscal year) or (pool, fiscal year) cap row as locked. */
  public record Cap(long capYen, long disbursedYen) {}

  /** The key of a grant's year. */
  public record GrantYear(UUID grantId, int fiscalYear) {}

  /** The key of a pool's year. */
  public record PoolYear(String budgetPool, int fiscalYear) {}

  /** What came of one request. */
  public sealed interface Decision {}

  /** The ledger has no award for the grant: nothing is written for the request. */
  public record UnknownGrant() implements Decision {}

  /** Refused; nothing taken. */
  public record Refused(Grant grant, Refusal refusal) implements Decision {}

  /** Paid; what was left under each cap right after this payment. */
  public record Accepted(Grant grant, long grantTotalHeadroomYen, long grantYearHeadroomYen,
      long programYearHeadroomYen) implements Decision {}

  private final Map<UUID, Grant> grants;
  private final Map<UUID, Long> grantDisbursed = new HashMap<>();
  private final Map<GrantYear, Cap> years;
  private final Map<GrantYear, Long> yearDisbursed = new HashMap<>();
  private final Map<PoolYear, Cap> pools;
  private final Map<PoolYear, Long> poolDisbursed = new HashMap<>();
  private final Map<UUID, Long> totalTaken = new LinkedHashMap<>();
  private final Map<GrantYear, Long> yearTaken = new LinkedHashMap<>();
  private final Map<PoolYear, Long> poolTaken = new LinkedHashMap<>();

  public CapBook(Map<UUID, Grant> grants, Map<GrantYear, Cap> years, Map<PoolYear, Cap> pools) {
    this.grants = Map.copyOf(grants);
    this.years = Map.copyOf(years);
    this.pools = Map.copyOf(pools);
  }

  /** The grant's account as locked, or null when the ledger has none. */
  public Grant grant(UUID grantId) {
    return grants.get(grantId);
  }

  /**
   * Decides one request against the figures as the requests before it left them.
   *
   * @param program the grant's program (for the expense categories it funds), or null when the
   *     grant is unknown
   */
  public Decision decide(UUID grantId, Program program, int fiscalYear, long amountYen, ExpenseCategory category) {
    Grant grant = grants.get(grantId);
    if (grant == null) {
      return new UnknownGrant();
    }
    Optional<Refusal> broken = grant.terms().check(program, fiscalYear, amountYen, category);
    if (broken.isPresent()) {
      return new Refused(grant, broken.get());
    }
    long totalHeadroom = grant.totalCapYen() - grantDisbursed.getOrDefault(grantId, grant.disbursedYen());
    if (amountYen > totalHeadroom) {
      return refused(grant, CapLevel.GRANT_TOTAL, fiscalYear, amountYen, totalHeadroom, false);
    }
    GrantYear yearKey = new GrantYear(grantId, fiscalYear);
    Cap year = years.get(yearKey);
    long yearHeadroom = year == null ? 0 : year.capYen() - yearDisbursed.getOrDefault(yearKey, year.disbursedYen());
    if (amountYen > yearHeadroom) {
      return refused(grant, CapLevel.GRANT_FISCAL_YEAR, fiscalYear, amountYen, yearHeadroom, false);
    }
    PoolYear poolKey = new PoolYear(grant.budgetPool(), fiscalYear);
    Cap pool = pools.get(poolKey);
    long poolHeadroom = pool == null ? 0 : pool.capYen() - poolDisbursed.getOrDefault(poolKey, pool.disbursedYen());
    if (amountYen > poolHeadroom) {
      return refused(grant, CapLevel.PROGRAM_FISCAL_YEAR, fiscalYear, amountYen, poolHeadroom, pool == null);
    }
    take(grantDisbursed, totalTaken, grantId, grant.disbursedYen(), amountYen);
    take(yearDisbursed, yearTaken, yearKey, year.disbursedYen(), amountYen);
    take(poolDisbursed, poolTaken, poolKey, pool.disbursedYen(), amountYen);
    return new Accepted(grant, totalHeadroom - amountYen, yearHeadroom - amountYen, poolHeadroom - amountYen);
  }

  private static <K> void take(Map<K, Long> disbursed, Map<K, Long> taken, K key, long before, long amountYen) {
    disbursed.merge(key, before + amountYen, (now, ignored) -> now + amountYen);
    taken.merge(key, amountYen, Long::sum);
  }

  private static Refused refused(Grant grant, CapLevel level, int fiscalYear, long amountYen, long headroomYen,
      boolean budgetMissing) {
    return new Refused(grant, Refusal.capExceeded(level, grant.grantId(), grant.budgetPool(), fiscalYear, amountYen,
        Math.max(0, headroomYen), budgetMissing));
  }

  /** What the accepted requests took from each grant's total, to add to its row. */
  public Map<UUID, Long> grantTotals() {
    return totalTaken;
  }

  /** What they took from each grant's year. */
  public Map<GrantYear, Long> grantYears() {
    return yearTaken;
  }

  /** What they took from each pool's year. */
  public Map<PoolYear, Long> poolYears() {
    return poolTaken;
  }
}
