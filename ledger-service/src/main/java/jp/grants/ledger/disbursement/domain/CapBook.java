package jp.grants.ledger.disbursement.domain;

import static jp.grants.catalog.Rules.yen;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.RefundKind;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.security.Roles;

/**
 * The caps of a batch of money movements as read under lock, and the decisions taken against them
 * one request after another, in the order the requests came: disbursements, carry-overs and
 * refunds. Nothing here touches the database: the batch writes what the book says, one update per
 * row (the net change the batch made to it).
 *
 * <p>A disbursement of D takes D from the grant's total award and its year's allocation, and D plus
 * its indirect costs from the pool: the year's budget of a yearly pool, or the fund's total (the
 * fund must cover the year). A request that any of them cannot cover is refused naming the first
 * cap that could not (total, year, pool), with what was left under it at that moment.
 */
public final class CapBook {
  /** A grant's account as locked: its terms and its total cap. */
  public record Grant(
      UUID grantId,
      String programCode,
      String budgetPool,
      GrantTerms terms,
      long totalCapYen,
      long disbursedYen,
      boolean settled) {
    public Grant(
        UUID grantId,
        String programCode,
        String budgetPool,
        GrantTerms terms,
        long totalCapYen,
        long disbursedYen) {
      this(grantId, programCode, budgetPool, terms, totalCapYen, disbursedYen, false);
    }
  }

  /** A (grant, fiscal year) or (pool, fiscal year) cap row as locked: its cap and what it holds. */
  public record Cap(long capYen, long disbursedYen) {}

  /**
   * A grant's year as locked, beside its cap: the indirect costs it holds (paid less returned),
   * what it returned before, and what its accepted annual report says was spent (null: no report).
   */
  public record YearFigures(
      long capYen, long heldYen, long indirectYen, long refundedYen, Long reportedYen) {
    public static YearFigures of(Cap cap) {
      return new YearFigures(cap.capYen(), cap.disbursedYen(), 0, 0, null);
    }
  }

  /** A fund as locked: its total over its term and what was drawn. */
  public record Fund(long totalYen, long disbursedYen, int firstFiscalYear, int lastFiscalYear) {
    public boolean covers(int fiscalYear) {
      return fiscalYear >= firstFiscalYear && fiscalYear <= lastFiscalYear;
    }
  }

  /** A payment of a grant's year, for the additional charge of an ordered refund. */
  public record Payment(UUID disbursementId, LocalDate paidOn, long amountYen) {}

  /** The key of a grant's year. */
  public record GrantYear(UUID grantId, int fiscalYear) {}

  /** The key of a pool's year. */
  public record PoolYear(String budgetPool, int fiscalYear) {}

  /** What the batch changed in a grant's year. */
  public static final class YearDelta {
    public long cap;
    public long held;
    public long indirect;
    public long indirectRefunded;
    public long refunded;
    public long charge;
    public long carriedIn;
    public long carriedOut;
    public long paidCarriedIn;
    public long paidCarriedOut;
  }

  /** What the batch changed in a pool's year: its budget (carry-overs) and what it paid. */
  public static final class PoolDelta {
    public long budget;
    public long disbursed;
  }

  /** What came of one request. */
  public sealed interface Decision {}

  /** The ledger has no award for the grant: nothing is written for the request. */
  public record UnknownGrant() implements Decision {}

  /** Refused; nothing taken. */
  public record Refused(Grant grant, Refusal refusal) implements Decision {}

  /**
   * Paid; what was left under each cap right after this payment, and the indirect costs paid with
   * it.
   */
  public record Accepted(
      Grant grant,
      long grantTotalHeadroomYen,
      long grantYearHeadroomYen,
      long programYearHeadroomYen,
      long indirectYen,
      boolean fund)
      implements Decision {}

  /**
   * Carried over: the amount, the part of it that was paid money, whether a program officer
   * approved.
   */
  public record CarriedOver(
      Grant grant,
      int fromFiscalYear,
      long amountYen,
      long paidMovedYen,
      boolean approved,
      boolean fund)
      implements Decision {}

  /** One payment's part of an ordered refund and the additional charge on it. */
  public record ChargePart(
      UUID disbursementId, LocalDate paidOn, long amountYen, long days, long chargeYen) {}

  /**
   * Refunded: the direct amount, the indirect costs that came back with it, the additional charge.
   */
  public record Refunded(
      Grant grant,
      int fiscalYear,
      long amountYen,
      long indirectYen,
      long chargeYen,
      List<ChargePart> chargeDetail,
      boolean fund)
      implements Decision {}

  private final Map<UUID, Grant> grants;
  private final Map<GrantYear, YearFigures> years;
  private final Map<PoolYear, Cap> pools;
  private final Map<String, Fund> funds;
  private final Set<String> fundPools;
  private final Map<GrantYear, List<Payment>> payments;

  private final Map<UUID, Long> totalTaken = new LinkedHashMap<>();
  private final Map<UUID, Long> indirectTaken = new LinkedHashMap<>();
  private final Map<GrantYear, YearDelta> yearDeltas = new LinkedHashMap<>();
  private final Map<PoolYear, PoolDelta> poolDeltas = new LinkedHashMap<>();
  private final Map<String, Long> fundTaken = new LinkedHashMap<>();

  /** A book of disbursements on yearly pools only (no funds, no refunds or carry-overs). */
  public CapBook(Map<UUID, Grant> grants, Map<GrantYear, Cap> years, Map<PoolYear, Cap> pools) {
    this(grants, figures(years), pools, Map.of(), Set.of(), Map.of());
  }

  /**
   * @param fundPools the codes of the catalog's fund pools (a fund pool without a fund row pays
   *     nothing)
   * @param payments the accepted payments of the years that refunds name, latest first
   */
  public CapBook(
      Map<UUID, Grant> grants,
      Map<GrantYear, YearFigures> years,
      Map<PoolYear, Cap> pools,
      Map<String, Fund> funds,
      Set<String> fundPools,
      Map<GrantYear, List<Payment>> payments) {
    this.grants = Map.copyOf(grants);
    this.years = Map.copyOf(years);
    this.pools = Map.copyOf(pools);
    this.funds = Map.copyOf(funds);
    this.fundPools = Set.copyOf(fundPools);
    this.payments = Map.copyOf(payments);
  }

  private static Map<GrantYear, YearFigures> figures(Map<GrantYear, Cap> years) {
    Map<GrantYear, YearFigures> figures = new HashMap<>();
    years.forEach((k, v) -> figures.put(k, YearFigures.of(v)));
    return figures;
  }

  /** The grant's account as locked, or null when the ledger has none. */
  public Grant grant(UUID grantId) {
    return grants.get(grantId);
  }

  // ---- the figures as the decisions so far left them

  private long grantDisbursed(Grant grant) {
    return grant.disbursedYen() + totalTaken.getOrDefault(grant.grantId(), 0L);
  }

  private YearDelta delta(GrantYear key) {
    return yearDeltas.computeIfAbsent(key, k -> new YearDelta());
  }

  private long cap(GrantYear key) {
    return asLeft(years, yearDeltas, key, YearFigures::capYen, d -> d.cap);
  }

  private long held(GrantYear key) {
    return asLeft(years, yearDeltas, key, YearFigures::heldYen, d -> d.held);
  }

  private long indirectHeld(GrantYear key) {
    return asLeft(
        years, yearDeltas, key, YearFigures::indirectYen, d -> d.indirect - d.indirectRefunded);
  }

  private long refundedBefore(GrantYear key) {
    return asLeft(years, yearDeltas, key, YearFigures::refundedYen, d -> d.refunded);
  }

  private long poolBudget(PoolYear key) {
    return asLeft(pools, poolDeltas, key, Cap::capYen, d -> d.budget);
  }

  private long poolDisbursed(PoolYear key) {
    return asLeft(pools, poolDeltas, key, Cap::disbursedYen, d -> d.disbursed);
  }

  /**
   * A figure as locked (0 where there is no row) plus what this batch's decisions changed of it.
   */
  private static <K, F, D> long asLeft(
      Map<K, F> locked,
      Map<K, D> deltas,
      K key,
      java.util.function.ToLongFunction<F> figure,
      java.util.function.ToLongFunction<D> change) {
    F f = locked.get(key);
    D d = deltas.get(key);
    return (f == null ? 0 : figure.applyAsLong(f)) + (d == null ? 0 : change.applyAsLong(d));
  }

  private long fundDisbursed(String pool) {
    Fund f = funds.get(pool);
    return (f == null ? 0 : f.disbursedYen()) + fundTaken.getOrDefault(pool, 0L);
  }

  private boolean isFund(String pool) {
    return fundPools.contains(pool) || funds.containsKey(pool);
  }

  // ---- disbursements

  /**
   * Decides one disbursement against the figures as the requests before it left them.
   *
   * @param program the grant's program (its expense categories and indirect-cost rate), or null
   *     when the grant is unknown
   */
  public Decision decide(
      UUID grantId, Program program, int fiscalYear, long amountYen, ExpenseCategory category) {
    Grant grant = grants.get(grantId);
    if (grant == null) {
      return new UnknownGrant();
    }
    if (grant.settled()) {
      return new Refused(grant, Refusal.settled(grantId, amountYen));
    }
    Optional<Refusal> broken = grant.terms().check(program, fiscalYear, amountYen, category);
    if (broken.isPresent()) {
      return new Refused(grant, broken.get());
    }
    long totalHeadroom = grant.totalCapYen() - grantDisbursed(grant);
    if (amountYen > totalHeadroom) {
      return refused(grant, CapLevel.GRANT_TOTAL, fiscalYear, amountYen, totalHeadroom, false);
    }
    GrantYear yearKey = new GrantYear(grantId, fiscalYear);
    long yearHeadroom = years.containsKey(yearKey) ? cap(yearKey) - held(yearKey) : 0;
    if (amountYen > yearHeadroom) {
      return refused(grant, CapLevel.GRANT_FISCAL_YEAR, fiscalYear, amountYen, yearHeadroom, false);
    }
    long indirect =
        program == null || program.indirectCosts() == null
            ? 0
            : program.indirectCosts().on(amountYen);
    long poolTake = amountYen + indirect;
    String pool = grant.budgetPool();
    boolean fund = isFund(pool);
    long poolHeadroom;
    if (fund) {
      Fund f = funds.get(pool);
      if (f == null || !f.covers(fiscalYear)) {
        return new Refused(
            grant,
            Refusal.fundExceeded(
                pool,
                fiscalYear,
                amountYen,
                indirect,
                0,
                f == null
                    ? "has no total in the ledger"
                    : "covers FY"
                        + f.firstFiscalYear()
                        + " to FY"
                        + f.lastFiscalYear()
                        + ", not FY"
                        + fiscalYear));
      }
      poolHeadroom = f.totalYen() - fundDisbursed(pool);
      if (poolTake > poolHeadroom) {
        return new Refused(
            grant, Refusal.fundExceeded(pool, fiscalYear, amountYen, indirect, poolHeadroom, null));
      }
      fundTaken.merge(pool, poolTake, Long::sum);
    } else {
      PoolYear poolKey = new PoolYear(pool, fiscalYear);
      boolean missing = !pools.containsKey(poolKey);
      poolHeadroom = missing ? 0 : poolBudget(poolKey) - poolDisbursed(poolKey);
      if (poolTake > poolHeadroom) {
        return refused(
            grant, CapLevel.PROGRAM_FISCAL_YEAR, fiscalYear, amountYen, poolHeadroom, missing);
      }
      poolDeltas.computeIfAbsent(poolKey, k -> new PoolDelta()).disbursed += poolTake;
    }
    totalTaken.merge(grantId, amountYen, Long::sum);
    if (indirect > 0) {
      indirectTaken.merge(grantId, indirect, Long::sum);
    }
    YearDelta d = delta(yearKey);
    d.held += amountYen;
    d.indirect += indirect;
    return new Accepted(
        grant,
        totalHeadroom - amountYen,
        yearHeadroom - amountYen,
        poolHeadroom - poolTake,
        indirect,
        fund);
  }

  private static Refused refused(
      Grant grant,
      CapLevel level,
      int fiscalYear,
      long amountYen,
      long headroomYen,
      boolean budgetMissing) {
    return new Refused(
        grant,
        Refusal.capExceeded(
            level,
            grant.grantId(),
            grant.budgetPool(),
            fiscalYear,
            amountYen,
            Math.max(0, headroomYen),
            budgetMissing));
  }

  // ---- carry-overs

  /**
   * Carries {@code amountYen} of a grant's year over to its next year: first the year's unpaid
   * allocation, then paid money not reported as spent. A yearly pool's budget moves alike (with a
   * program officer's approval and a reason); a fund moves nothing.
   *
   * @param role the caller's role; {@code reason} may be null
   * @param today the ledger's date in Japan
   */
  public Decision carryOver(
      UUID grantId,
      boolean needsApproval,
      int fromYear,
      long amountYen,
      String role,
      String reason,
      LocalDate today) {
    Grant grant = grants.get(grantId);
    if (grant == null) {
      return new UnknownGrant();
    }
    int toYear = fromYear + 1;
    GrantTerms terms = grant.terms();
    if (grant.settled()) {
      return new Refused(grant, Refusal.settled(grantId, amountYen));
    }
    if (terms.status() == GrantStatus.CLOSED) {
      return new Refused(
          grant,
          Refusal.notActive(grantId, terms.status(), terms.lastFiscalYear(), fromYear, amountYen));
    }
    if (fromYear < terms.startFiscalYear() || fromYear > terms.endFiscalYear()) {
      return new Refused(
          grant,
          Refusal.outsideGrant(
              grantId, terms.startFiscalYear(), terms.endFiscalYear(), fromYear, amountYen));
    }
    int last =
        terms.status() == GrantStatus.TERMINATED && terms.lastFiscalYear() != null
            ? Math.min(terms.lastFiscalYear(), terms.endFiscalYear())
            : terms.endFiscalYear();
    if (toYear > last) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.CARRY_OVER_PAST_LAST_YEAR,
              amountYen,
              0,
              "grant "
                  + grantId
                  + "'s last fiscal year is FY"
                  + last
                  + ": nothing is carried over from FY"
                  + fromYear
                  + " to FY"
                  + toYear));
    }
    boolean officer = Roles.PROGRAM_OFFICER.equals(role);
    if (needsApproval && (!officer || reason == null || reason.isBlank())) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.CARRY_OVER_APPROVAL_REQUIRED,
              amountYen,
              0,
              grant.budgetPool()
                  + " is a yearly budget: its money moves to the next year only with a program officer's"
                  + " approval and a reason"));
    }
    LocalDate opens = LocalDate.of(toYear, 1, 1);
    if (today.isBefore(opens)) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.CARRY_OVER_TOO_EARLY,
              amountYen,
              0,
              "FY"
                  + fromYear
                  + " may be carried over from "
                  + opens
                  + " (ledger date "
                  + today
                  + ")"));
    }
    GrantYear from = new GrantYear(grantId, fromYear);
    GrantYear to = new GrantYear(grantId, toYear);
    if (!years.containsKey(from) || !years.containsKey(to)) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT,
              amountYen,
              0,
              "grant "
                  + grantId
                  + " has no allocation for FY"
                  + (years.containsKey(from) ? toYear : fromYear)));
    }
    long c = cap(from);
    long h = held(from);
    Long reported = years.get(from).reportedYen();
    long unpaid = Math.min(amountYen, c - h);
    long paid = amountYen - unpaid;
    long paidMovable = h - (reported == null ? 0 : reported);
    if (paid > paidMovable) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT,
              amountYen,
              (c - h) + paidMovable,
              "FY"
                  + fromYear
                  + " of grant "
                  + grantId
                  + " can carry over "
                  + yen(Math.max(0, (c - h) + paidMovable))
                  + " (unpaid allocation "
                  + yen(c - h)
                  + ", paid and not reported spent "
                  + yen(Math.max(0, paidMovable))
                  + "); "
                  + yen(amountYen)
                  + " asked"));
    }
    boolean fund = isFund(grant.budgetPool());
    PoolYear poolFrom = new PoolYear(grant.budgetPool(), fromYear);
    PoolYear poolTo = new PoolYear(grant.budgetPool(), toYear);
    if (!fund) {
      long poolHeadroom =
          pools.containsKey(poolFrom) ? poolBudget(poolFrom) - poolDisbursed(poolFrom) : 0;
      if (!pools.containsKey(poolTo) || unpaid > poolHeadroom) {
        return new Refused(
            grant,
            Refusal.of(
                LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT,
                amountYen,
                poolHeadroom,
                !pools.containsKey(poolTo)
                    ? "budget pool " + grant.budgetPool() + " has no budget for FY" + toYear
                    : "budget pool "
                        + grant.budgetPool()
                        + " has "
                        + yen(poolHeadroom)
                        + " unspent in FY"
                        + fromYear
                        + "; the carry-over would move "
                        + yen(unpaid)
                        + " of unpaid allocation"));
      }
      PoolDelta pf = poolDeltas.computeIfAbsent(poolFrom, k -> new PoolDelta());
      pf.budget -= amountYen;
      pf.disbursed -= paid;
      PoolDelta pt = poolDeltas.computeIfAbsent(poolTo, k -> new PoolDelta());
      pt.budget += amountYen;
      pt.disbursed += paid;
    }
    YearDelta df = delta(from);
    df.cap -= amountYen;
    df.held -= paid;
    df.carriedOut += amountYen;
    df.paidCarriedOut += paid;
    YearDelta dt = delta(to);
    dt.cap += amountYen;
    dt.held += paid;
    dt.carriedIn += amountYen;
    dt.paidCarriedIn += paid;
    return new CarriedOver(grant, fromYear, amountYen, paid, officer, fund);
  }

  // ---- refunds

  /**
   * Returns {@code amountYen} of a grant's year, with the indirect costs paid with it (at most what
   * the year holds of them); an ordered return under a program with an additional-charge rule costs
   * that charge on top, computed over the year's payments latest first (the returned amount counts
   * as received on the latest receipt date, then going back: Subsidies Act Art. 19(2)), each part
   * for the days from its payment to {@code today}, rounded down per part.
   */
  public Decision refund(
      UUID grantId,
      Program program,
      int fiscalYear,
      long amountYen,
      RefundKind kind,
      String role,
      String reason,
      LocalDate today) {
    Grant grant = grants.get(grantId);
    if (grant == null) {
      return new UnknownGrant();
    }
    if (grant.settled()) {
      return new Refused(grant, Refusal.settled(grantId, amountYen));
    }
    if (kind == RefundKind.ORDERED) {
      if (!Roles.PROGRAM_OFFICER.equals(role)) {
        return new Refused(
            grant,
            Refusal.of(
                LedgerRule.REFUND_ORDER_REQUIRES_PROGRAM_OFFICER,
                amountYen,
                0,
                "only a program officer orders a return"));
      }
      if (reason == null || reason.isBlank()) {
        return new Refused(
            grant,
            Refusal.of(
                LedgerRule.REFUND_REASON_REQUIRED,
                amountYen,
                0,
                "an ordered return names its reason"));
      }
    } else if (!Roles.FINANCE.equals(role) && !Roles.APPLICANT.equals(role)) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.REFUND_VOLUNTARY_BY_RECIPIENT,
              amountYen,
              0,
              "a voluntary return is made by the recipient or finance; a program officer orders one (kind ORDERED)"));
    }
    GrantYear key = new GrantYear(grantId, fiscalYear);
    if (!years.containsKey(key)) {
      GrantTerms t = grant.terms();
      return new Refused(
          grant,
          Refusal.outsideGrant(
              grantId, t.startFiscalYear(), t.endFiscalYear(), fiscalYear, amountYen));
    }
    long h = held(key);
    boolean fund = isFund(grant.budgetPool());
    long indirect =
        Math.min(
            program == null || program.indirectCosts() == null
                ? 0
                : program.indirectCosts().on(amountYen),
            Math.max(0, indirectHeld(key)));
    long poolHeld =
        fund
            ? fundDisbursed(grant.budgetPool())
            : poolDisbursed(new PoolYear(grant.budgetPool(), fiscalYear));
    if (amountYen > h || amountYen + indirect > poolHeld) {
      return new Refused(
          grant,
          Refusal.of(
              LedgerRule.REFUND_EXCEEDS_PAID,
              amountYen,
              h,
              "FY"
                  + fiscalYear
                  + " of grant "
                  + grantId
                  + " holds "
                  + yen(h)
                  + " paid money; "
                  + yen(amountYen)
                  + " asked back"));
    }
    List<ChargePart> parts = new ArrayList<>();
    long charge = 0;
    if (kind == RefundKind.ORDERED
        && program != null
        && program.refunds() != null
        && program.refunds().additionalChargeBasisPointsPerYear() > 0) {
      long skip = refundedBefore(key);
      long left = amountYen;
      for (Payment p : payments.getOrDefault(key, List.of())) {
        if (left == 0) {
          break;
        }
        long available = p.amountYen();
        long skipped = Math.min(skip, available);
        skip -= skipped;
        available -= skipped;
        if (available == 0) {
          continue;
        }
        long part = Math.min(left, available);
        long days = Math.max(0, ChronoUnit.DAYS.between(p.paidOn(), today));
        long partCharge = program.refunds().chargeOn(part, days);
        parts.add(new ChargePart(p.disbursementId(), p.paidOn(), part, days, partCharge));
        charge += partCharge;
        left -= part;
      }
    }
    totalTaken.merge(grantId, -amountYen, Long::sum);
    YearDelta d = delta(key);
    d.held -= amountYen;
    d.refunded += amountYen;
    d.indirectRefunded += indirect;
    d.charge += charge;
    if (fund) {
      fundTaken.merge(grant.budgetPool(), -(amountYen + indirect), Long::sum);
    } else {
      poolDeltas.computeIfAbsent(new PoolYear(grant.budgetPool(), fiscalYear), k -> new PoolDelta())
              .disbursed -=
          amountYen + indirect;
    }
    return new Refunded(grant, fiscalYear, amountYen, indirect, charge, List.copyOf(parts), fund);
  }

  // ---- what to write

  /** What the batch changed in each grant's total (disbursed less refunded), to add to its row. */
  public Map<UUID, Long> grantTotals() {
    return totalTaken;
  }

  /** The indirect costs the batch paid per grant. */
  public Map<UUID, Long> grantIndirect() {
    return indirectTaken;
  }

  /**
   * What the batch changed in what each grant's year holds (compatibility view of {@link
   * #yearDeltas()}).
   */
  public Map<GrantYear, Long> grantYears() {
    Map<GrantYear, Long> held = new LinkedHashMap<>();
    yearDeltas.forEach(
        (k, d) -> {
          if (d.held != 0) {
            held.put(k, d.held);
          }
        });
    return held;
  }

  /** Every change of each grant's year. */
  public Map<GrantYear, YearDelta> yearDeltas() {
    return yearDeltas;
  }

  /**
   * What the batch changed in what each pool's year paid (compatibility view of {@link
   * #poolDeltas()}).
   */
  public Map<PoolYear, Long> poolYears() {
    Map<PoolYear, Long> paid = new LinkedHashMap<>();
    poolDeltas.forEach(
        (k, d) -> {
          if (d.disbursed != 0) {
            paid.put(k, d.disbursed);
          }
        });
    return paid;
  }

  /** Every change of each pool's year. */
  public Map<PoolYear, PoolDelta> poolDeltas() {
    return poolDeltas;
  }

  /** What the batch changed in what each fund paid. */
  public Map<String, Long> fundTaken() {
    return fundTaken;
  }
}
