package jp.grants.ledger.budget.command;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import jp.grants.catalog.RuleViolation;
import jp.grants.catalog.Rules;
import jp.grants.ledger.budget.domain.BudgetPools;
import jp.grants.ledger.budget.domain.BudgetSource;
import jp.grants.ledger.budget.persistence.ProgramYear;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.platform.schema.SchemaReady;
import org.jboss.logging.Logger;

/**
 * The budgets of the pools per fiscal year: entered from the catalog when the ledger first needs
 * them (a grant gets money in that year), or set by an administrator. Each change is journalled.
 */
@ApplicationScoped
public class ProgramBudgets {
  /** An administrator may not set a budget below what was already disbursed from it. */
  public static final String BUDGET_BELOW_DISBURSED = "LEDGER-BUDGET-BELOW-DISBURSED";

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
    Optional<Long> budget = pools.catalogBudget(pool, fiscalYear);
    // A plain read first: an INSERT would wait for whichever disbursement holds the row's lock.
    if (budget.isEmpty() || exists(pool, fiscalYear)
        || insert(pool, fiscalYear, budget.get(), BudgetSource.CATALOG) == 0) {
      return false;
    }
    if (budget.get() > 0) {
      String memo = "budget of " + pool + " for FY" + fiscalYear + " from program catalog "
          + pools.catalog().version() + ": " + Rules.yen(budget.get());
      Provenance system = new Provenance(Provenance.SYSTEM.subject(), Provenance.SYSTEM.role(),
          provenance.correlationId(), provenance.causationId());
      journal.append(Movements.budget(EntryKind.BUDGET_APPROPRIATED, pool, fiscalYear, budget.get(), memo),
          Journal.Subject.budget(pool, fiscalYear), system);
    }
    return true;
  }

  /** Sets (overrides) the pool's budget for the year; refused below what was disbursed. */
  @Transactional
  public ProgramYear set(String pool, int fiscalYear, long budgetYen, String reason, Provenance provenance) {
    ensure(pool, fiscalYear, provenance);
    ProgramYear row = ProgramYear.lock(pool, fiscalYear);
    if (row == null) {
      insert(pool, fiscalYear, 0, BudgetSource.OVERRIDE);
      row = ProgramYear.lock(pool, fiscalYear);
    }
    if (budgetYen < row.disbursedYen) {
      throw RuleViolation.conflict(BUDGET_BELOW_DISBURSED, "the budget of " + pool + " for FY" + fiscalYear
          + " cannot be set to " + Rules.yen(budgetYen) + ": " + Rules.yen(row.disbursedYen)
          + " has been disbursed from it already");
    }
    long change = budgetYen - row.budgetYen;
    row.budgetYen = budgetYen;
    row.budgetSource = BudgetSource.OVERRIDE;
    row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (change != 0) {
      String memo = "budget of " + pool + " for FY" + fiscalYear + " set to " + Rules.yen(budgetYen) + ": " + reason;
      journal.append(Movements.budget(EntryKind.BUDGET_SET, pool, fiscalYear, change, memo),
          Journal.Subject.budget(pool, fiscalYear), provenance);
    }
    return row;
  }

  /**
   * At start-up, enters the catalog budgets that a newer catalog states for years in which grants
   * already have allocations (grants awarded before the figure was in the catalog).
   */
  void reconcile(@Observes SchemaReady ready) {
    QuarkusTransaction.requiringNew().run(() -> {
      @SuppressWarnings("unchecked")
      List<Object[]> missing = em.createNativeQuery(
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

  private boolean exists(String pool, int fiscalYear) {
    return !em.createNativeQuery("SELECT 1 FROM program_year WHERE budget_pool = ?1 AND fiscal_year = ?2")
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
