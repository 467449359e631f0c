package jp.grants.ledger.budget.command;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.grants.catalog.BudgetPool;
import jp.grants.catalog.Program;
import jp.grants.catalog.Rules;
import jp.grants.ledger.budget.domain.BudgetPools;
import jp.grants.ledger.budget.domain.BudgetSource;
import jp.grants.ledger.budget.persistence.BudgetFund;
import jp.grants.ledger.budget.persistence.ProgramYear;
import jp.grants.ledger.journal.Accounts;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.schema.SchemaReady;
import org.jboss.logging.Logger;

/**
 * The budgets of the pools per fiscal year: entered from the catalog when the ledger first needs
 * them (a grant gets money in that year), or set by an administrator. Each change is journalled.
 */
@ApplicationScoped
public class ProgramBudgets {

  private static final Logger LOG = Logger.getLogger(ProgramBudgets.class);

  @Inject EntityManager em;
  @Inject Journal journal;

  private final BudgetPools pools = BudgetPools.standard();

  public BudgetPools pools() {
    return pools;
  }

  /**
   * Enters the catalog's budget of the pool for the year, unless the ledger has a budget for it
   * already or the catalog states none. Returns whether it entered one. The entry is the ledger's
   * own act (actor {@code system:ledger-service}), tied to the request or event that needed it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean ensure(String pool, int fiscalYear, Provenance provenance) {
    if (isFund(pool)) {
      return ensureFund(pool, provenance);
    }
    Optional<Long> budget = pools.catalogBudget(pool, fiscalYear);
    // A plain read first: an INSERT would wait for whichever disbursement holds the row's lock.
    if (budget.isEmpty()
        || exists(pool, fiscalYear)
        || insert(pool, fiscalYear, budget.get(), BudgetSource.CATALOG) == 0) {
      return false;
    }
    if (budget.get() > 0) {
      String memo =
          "budget of "
              + pool
              + " for FY"
              + fiscalYear
              + " from program catalog "
              + pools.catalog().version()
              + ": "
              + Rules.yen(budget.get());
      Provenance system =
          new Provenance(
              Provenance.SYSTEM.subject(),
              Provenance.SYSTEM.role(),
              provenance.correlationId(),
              provenance.causationId());
      journal.append(
          Movements.budget(EntryKind.BUDGET_APPROPRIATED, pool, fiscalYear, budget.get(), memo),
          Journal.Subject.budget(pool, fiscalYear),
          system);
    }
    return true;
  }

  public boolean isFund(String pool) {
    return pools.catalog().findPool(pool).map(BudgetPool::isFund).orElse(false);
  }

  /**
   * Enters a fund's total from the catalog unless the ledger has the fund already; journalled as
   * the ledger's own act. Returns whether it entered it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean ensureFund(String pool, Provenance provenance) {
    BudgetPool fund = pools.catalog().findPool(pool).filter(BudgetPool::isFund).orElse(null);
    if (fund == null || BudgetFund.findById(pool) != null) {
      return false;
    }
    int inserted =
        em.createNativeQuery(
                "INSERT INTO budget_fund (budget_pool, total_yen, first_fiscal_year,"
                    + " last_fiscal_year, budget_source) VALUES (?1, ?2, ?3, ?4, 'CATALOG') ON CONFLICT DO NOTHING")
            .setParameter(1, pool)
            .setParameter(2, fund.totalYen())
            .setParameter(3, fund.firstFiscalYear())
            .setParameter(4, fund.lastFiscalYear())
            .executeUpdate();
    if (inserted == 0) {
      return false;
    }
    if (fund.totalYen() > 0) {
      String memo =
          "fund "
              + pool
              + " (FY"
              + fund.firstFiscalYear()
              + " to FY"
              + fund.lastFiscalYear()
              + ") from program catalog "
              + pools.catalog().version()
              + ": "
              + Rules.yen(fund.totalYen());
      journal.append(
          Movements.fund(EntryKind.BUDGET_APPROPRIATED, pool, fund.totalYen(), memo),
          new Journal.Subject(null, pool, null, null),
          system(provenance));
    }
    return true;
  }

  /** Sets (overrides) a fund's total; refused below what was drawn from it. */
  @Transactional
  public BudgetFund setFund(String pool, long totalYen, String reason, Provenance provenance) {
    if (!isFund(pool)) {
      throw LedgerRule.POOL_IS_YEARLY.violation(
          pool
              + " is a yearly budget: set its budget per fiscal year"
              + " (PUT /api/v1/ledger/programs/"
              + pool
              + "/fiscal-years/{fiscalYear}/budget)");
    }
    ensureFund(pool, provenance);
    BudgetFund row = BudgetFund.lock(pool);
    if (totalYen < row.disbursedYen) {
      throw LedgerRule.BUDGET_BELOW_DISBURSED.violation(
          "the total of fund "
              + pool
              + " cannot be set to "
              + Rules.yen(totalYen)
              + ": "
              + Rules.yen(row.disbursedYen)
              + " has been drawn from it already");
    }
    long change = totalYen - row.totalYen;
    row.totalYen = totalYen;
    row.budgetSource = BudgetSource.OVERRIDE;
    row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (change != 0) {
      String memo = "total of fund " + pool + " set to " + Rules.yen(totalYen) + ": " + reason;
      journal.append(
          Movements.fund(EntryKind.BUDGET_SET, pool, change, memo),
          new Journal.Subject(null, pool, null, null),
          provenance);
    }
    return row;
  }

  private static Provenance system(Provenance provenance) {
    return new Provenance(
        Provenance.SYSTEM.subject(),
        Provenance.SYSTEM.role(),
        provenance.correlationId(),
        provenance.causationId());
  }

  /** Sets (overrides) the pool's budget for the year; refused below what was disbursed. */
  @Transactional
  public ProgramYear set(
      String pool, int fiscalYear, long budgetYen, String reason, Provenance provenance) {
    if (isFund(pool)) {
      throw LedgerRule.POOL_IS_FUND.violation(
          pool
              + " is a fund with one total over its term: set the total"
              + " (PUT /api/v1/ledger/programs/"
              + pool
              + "/fund)");
    }
    ensure(pool, fiscalYear, provenance);
    ProgramYear row = ProgramYear.lock(pool, fiscalYear);
    if (row == null) {
      insert(pool, fiscalYear, 0, BudgetSource.OVERRIDE);
      row = ProgramYear.lock(pool, fiscalYear);
    }
    if (budgetYen < row.disbursedYen) {
      throw LedgerRule.BUDGET_BELOW_DISBURSED.violation(
          "the budget of "
              + pool
              + " for FY"
              + fiscalYear
              + " cannot be set to "
              + Rules.yen(budgetYen)
              + ": "
              + Rules.yen(row.disbursedYen)
              + " has been disbursed from it already");
    }
    long change = budgetYen - row.budgetYen;
    row.budgetYen = budgetYen;
    row.budgetSource = BudgetSource.OVERRIDE;
    row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (change != 0) {
      String memo =
          "budget of "
              + pool
              + " for FY"
              + fiscalYear
              + " set to "
              + Rules.yen(budgetYen)
              + ": "
              + reason;
      journal.append(
          Movements.budget(EntryKind.BUDGET_SET, pool, fiscalYear, change, memo),
          Journal.Subject.budget(pool, fiscalYear),
          provenance);
    }
    return row;
  }

  /**
   * At start-up, enters the catalog budgets that a newer catalog states for years in which grants
   * already have allocations (grants awarded before the figure was in the catalog).
   */
  void reconcile(@Observes SchemaReady ready) {
    QuarkusTransaction.requiringNew().run(this::migrateFunds);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> missing =
                  em.createNativeQuery(
                          "SELECT DISTINCT a.budget_pool, y.fiscal_year FROM grant_year y JOIN grant_account a USING (grant_id)"
                              + " WHERE NOT EXISTS (SELECT 1 FROM program_year p"
                              + " WHERE p.budget_pool = a.budget_pool AND p.fiscal_year = y.fiscal_year)")
                      .getResultList();
              for (Object[] row : missing) {
                if (ensure((String) row[0], ((Number) row[1]).intValue(), Provenance.system())) {
                  LOG.infof("entered the catalog budget of %s for FY%s", row[0], row[1]);
                }
              }
            });
  }

  /**
   * Moves data written before funds existed (issue 14), once: grants whose program now draws on
   * another pool move to it (NEXUS into ASPIRE), and the per-year rows of fund pools (ASPIRE,
   * NEXUS, KAKENHI-ILR) become one fund row each, carrying what they paid, and are removed. Every
   * move is journalled (FUND_MIGRATED): the old years' budget accounts are closed into the fund's,
   * the old pool's commitments into the new pool's. Runs at every start-up; finds nothing the
   * second time.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int migrateFunds() {
    int moved = 0;
    Map<String, String> renamed = new HashMap<>();
    for (Program program : pools.catalog().programs()) {
      @SuppressWarnings("unchecked")
      List<String> old =
          em.createNativeQuery(
                  "SELECT DISTINCT budget_pool FROM grant_account"
                      + " WHERE program_code = ?1 AND budget_pool <> ?2")
              .setParameter(1, program.code())
              .setParameter(2, program.budgetPool())
              .getResultList();
      if (old.isEmpty()) {
        continue;
      }
      old.forEach(o -> renamed.put(o, program.budgetPool()));
      int n =
          em.createNativeQuery(
                  "UPDATE grant_account SET budget_pool = ?2, updated_at = now()"
                      + " WHERE program_code = ?1 AND budget_pool <> ?2")
              .setParameter(1, program.code())
              .setParameter(2, program.budgetPool())
              .executeUpdate();
      moved += n;
      LOG.infof(
          "moved %d grant(s) of %s from pool %s to pool %s",
          n, program.code(), old, program.budgetPool());
    }
    // The old pools' counter-accounts of the grants' allocations follow the grants.
    renamed.forEach(
        (from, to) -> {
          @SuppressWarnings("unchecked")
          List<Object[]> balances =
              em.createNativeQuery(
                      "SELECT account, sum(credit_yen) - sum(debit_yen) FROM journal_line"
                          + " WHERE account LIKE ?1 OR account = ?2 GROUP BY account HAVING sum(credit_yen) <> sum(debit_yen)"
                          + " ORDER BY account")
                  .setParameter(1, "program:" + from + ":%:commitments")
                  .setParameter(2, Accounts.programAwards(from))
                  .getResultList();
          JournalEntry.Builder entry =
              JournalEntry.builder(
                  EntryKind.FUND_MIGRATED,
                  "grants of pool "
                      + from
                      + " moved to pool "
                      + to
                      + " (issue 14: its program draws on "
                      + to
                      + ")");
          for (Object[] b : balances) {
            String account = (String) b[0];
            entry.move(
                account,
                account.replaceFirst(
                    "^program:" + java.util.regex.Pattern.quote(from) + ":",
                    "program:" + java.util.regex.Matcher.quoteReplacement(to) + ":"),
                ((Number) b[1]).longValue());
          }
          if (!entry.isEmpty()) {
            journal.append(
                entry.build(), new Journal.Subject(null, to, null, null), Provenance.system());
          }
        });
    for (BudgetPool fund : pools.catalog().budgetPools()) {
      if (!fund.isFund()) {
        continue;
      }
      List<String> codes = new ArrayList<>();
      codes.add(fund.code());
      renamed.forEach(
          (from, to) -> {
            if (to.equals(fund.code()) && !codes.contains(from)) {
              codes.add(from);
            }
          });
      pools.catalog().programsIn(fund.code()).stream()
          .map(Program::code)
          .filter(c -> !codes.contains(c) && pools.catalog().findPool(c).isEmpty())
          .forEach(codes::add);
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT budget_pool, fiscal_year, budget_yen, disbursed_yen"
                      + " FROM program_year WHERE budget_pool IN (?1) ORDER BY budget_pool, fiscal_year FOR UPDATE")
              .setParameter(1, codes)
              .getResultList();
      if (rows.isEmpty()) {
        continue;
      }
      ensureFund(fund.code(), Provenance.system());
      BudgetFund row = BudgetFund.lock(fund.code());
      long paid = 0;
      JournalEntry.Builder entry =
          JournalEntry.builder(
              EntryKind.FUND_MIGRATED,
              "budgets per year of "
                  + codes
                  + " closed into fund "
                  + fund.code()
                  + " (issue 14: a fund has one total over its term)");
      for (Object[] r : rows) {
        String pool = (String) r[0];
        int fy = ((Number) r[1]).intValue();
        long budget = ((Number) r[2]).longValue();
        long disbursed = ((Number) r[3]).longValue();
        paid += disbursed;
        entry.move(
            Accounts.appropriation(pool, fy), Accounts.programBudget(pool, fy), budget - disbursed);
        entry.move(Accounts.appropriation(pool, fy), Accounts.fundBudget(fund.code()), disbursed);
      }
      if (row.totalYen < row.disbursedYen + paid) {
        LOG.warnf(
            "fund %s: %s was paid from it before it became a fund, more than its total %s; the total is raised",
            fund.code(), Rules.yen(row.disbursedYen + paid), Rules.yen(row.totalYen));
        entry.move(
            Accounts.fundBudget(fund.code()),
            Accounts.fundAppropriation(fund.code()),
            row.disbursedYen + paid - row.totalYen);
        row.totalYen = row.disbursedYen + paid;
      }
      row.disbursedYen += paid;
      row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
      em.flush();
      em.createNativeQuery("DELETE FROM program_year WHERE budget_pool IN (?1)")
          .setParameter(1, codes)
          .executeUpdate();
      if (!entry.isEmpty()) {
        journal.append(
            entry.build(), new Journal.Subject(null, fund.code(), null, null), Provenance.system());
      }
      moved += rows.size();
      LOG.infof(
          "fund %s: %d budget row(s) of %s with %s paid moved into it",
          fund.code(), rows.size(), codes, Rules.yen(paid));
    }
    return moved;
  }

  private boolean exists(String pool, int fiscalYear) {
    return !em.createNativeQuery(
            "SELECT 1 FROM program_year WHERE budget_pool = ?1 AND fiscal_year = ?2")
        .setParameter(1, pool)
        .setParameter(2, fiscalYear)
        .getResultList()
        .isEmpty();
  }

  private int insert(String pool, int fiscalYear, long budgetYen, BudgetSource source) {
    return em.createNativeQuery(
            "INSERT INTO program_year (budget_pool, fiscal_year, budget_yen, budget_source)"
                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
        .setParameter(1, pool)
        .setParameter(2, fiscalYear)
        .setParameter(3, budgetYen)
        .setParameter(4, source.name())
        .executeUpdate();
  }
}
