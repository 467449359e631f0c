package jp.grants.ledger.budget.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.grants.catalog.BudgetPool;
import jp.grants.catalog.Program;
import jp.grants.ledger.budget.domain.BudgetPools;
import jp.grants.ledger.budget.domain.BudgetSource;
import jp.grants.ledger.budget.persistence.BudgetFund;
import jp.grants.ledger.budget.persistence.ProgramYear;

/** Reads the pools' budgets and what their grants were allocated and paid. */
@ApplicationScoped
public class ProgramLedgerQueries {
  private static final String BY_POOL =
      "SELECT a.budget_pool, count(*), sum(y.allocation_yen), sum(y.disbursed_yen)"
          + " FROM grant_year y JOIN grant_account a USING (grant_id) WHERE y.fiscal_year = ?1 GROUP BY a.budget_pool";
  private static final String BY_PROGRAM =
      "SELECT a.program_code, a.budget_pool, count(*), sum(y.allocation_yen), sum(y.disbursed_yen)"
          + " FROM grant_year y JOIN grant_account a USING (grant_id) WHERE y.fiscal_year = ?1"
          + " GROUP BY a.program_code, a.budget_pool ORDER BY a.program_code";

  @Inject EntityManager em;

  private final BudgetPools pools = BudgetPools.standard();

  /** The pool named by a program code or by its own name. */
  public Optional<String> poolOf(String code) {
    return pools.poolOf(code);
  }

  public ProgramYearView programYear(String pool, int fiscalYear) {
    long[] grants = allocations(fiscalYear).getOrDefault(pool, new long[3]);
    return view(pool, fiscalYear, grants);
  }

  public FiscalYearSummary summary(int fiscalYear) {
    Map<String, long[]> byPool = allocations(fiscalYear);
    List<ProgramYearView> views =
        pools.pools().stream()
            .map(pool -> view(pool, fiscalYear, byPool.getOrDefault(pool, new long[3])))
            .toList();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(BY_PROGRAM).setParameter(1, fiscalYear).getResultList();
    List<ProgramSummary> programs =
        rows.stream()
            .map(
                r -> {
                  long allocated = number(r[3]);
                  long disbursed = number(r[4]);
                  return new ProgramSummary(
                      (String) r[0],
                      (String) r[1],
                      number(r[2]),
                      allocated,
                      disbursed,
                      allocated - disbursed);
                })
            .toList();
    return new FiscalYearSummary(
        fiscalYear,
        views,
        programs,
        views.stream().mapToLong(v -> v.budgetYen() == null ? 0 : v.budgetYen()).sum(),
        views.stream().mapToLong(ProgramYearView::allocatedYen).sum(),
        views.stream().mapToLong(ProgramYearView::disbursedYen).sum(),
        views.stream().mapToLong(ProgramYearView::headroomYen).sum());
  }

  /** The pool as a whole: a fund's figures, or a yearly pool's entered years. */
  public PoolView pool(String pool) {
    List<String> programs = pools.programsIn(pool).stream().map(Program::code).toList();
    FundView fund = fund(pool);
    if (fund != null) {
      return new PoolView(
          pool,
          "FUND",
          programs,
          fund.totalYen(),
          fund.disbursedYen(),
          fund.remainingYen(),
          fund.firstFiscalYear(),
          fund.lastFiscalYear(),
          fund.budgetSource(),
          null);
    }
    List<ProgramYearView> years =
        ProgramYear.<ProgramYear>list("budgetPool = ?1 order by fiscalYear", pool).stream()
            .map(y -> programYear(pool, y.fiscalYear))
            .toList();
    return new PoolView(pool, "YEARLY", programs, null, null, null, null, null, null, years);
  }

  /**
   * A fund pool's figures (the catalog's until the ledger enters it), or null for a yearly pool.
   */
  public FundView fund(String pool) {
    BudgetPool catalogPool = pools.catalog().findPool(pool).orElse(null);
    if (catalogPool == null || !catalogPool.isFund()) {
      return null;
    }
    BudgetFund row = BudgetFund.findById(pool);
    if (row == null) {
      return new FundView(
          pool,
          catalogPool.totalYen(),
          0,
          catalogPool.totalYen(),
          catalogPool.firstFiscalYear(),
          catalogPool.lastFiscalYear(),
          BudgetSource.CATALOG,
          false);
    }
    return new FundView(
        pool,
        row.totalYen,
        row.disbursedYen,
        row.totalYen - row.disbursedYen,
        row.firstFiscalYear,
        row.lastFiscalYear,
        row.budgetSource,
        true);
  }

  private ProgramYearView view(String pool, int fiscalYear, long[] grants) {
    List<String> programs = pools.programsIn(pool).stream().map(Program::code).toList();
    FundView fund = fund(pool);
    if (fund != null) {
      boolean covers = fiscalYear >= fund.firstFiscalYear() && fiscalYear <= fund.lastFiscalYear();
      return new ProgramYearView(
          pool,
          programs,
          fiscalYear,
          null,
          fund.budgetSource(),
          grants[0],
          grants[1],
          fund.disbursedYen(),
          covers ? fund.remainingYen() : 0,
          null,
          "FUND",
          fund);
    }
    ProgramYear row = ProgramYear.find(pool, fiscalYear);
    Long budget;
    BudgetSource source;
    long disbursed = 0;
    if (row != null) {
      budget = row.budgetYen;
      source = row.budgetSource;
      disbursed = row.disbursedYen;
    } else {
      // Not entered yet: the catalog's figure is what the pool will get when money first moves.
      budget = pools.catalogBudget(pool, fiscalYear).orElse(null);
      source = budget == null ? null : BudgetSource.CATALOG;
    }
    long headroom = budget == null ? 0 : budget - disbursed;
    return new ProgramYearView(
        pool,
        programs,
        fiscalYear,
        budget,
        source,
        grants[0],
        grants[1],
        disbursed,
        headroom,
        budget == null ? null : budget - grants[1],
        "YEARLY",
        null);
  }

  /** Per pool: {grant count, allocated, disbursed by its grants} in the fiscal year. */
  private Map<String, long[]> allocations(int fiscalYear) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(BY_POOL).setParameter(1, fiscalYear).getResultList();
    Map<String, long[]> byPool = new HashMap<>();
    for (Object[] r : rows) {
      byPool.put((String) r[0], new long[] {number(r[1]), number(r[2]), number(r[3])});
    }
    return byPool;
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
