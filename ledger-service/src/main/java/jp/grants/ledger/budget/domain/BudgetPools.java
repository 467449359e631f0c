package jp.grants.ledger.budget.domain;

import java.util.List;
import java.util.Optional;
import jp.grants.catalog.BudgetPool;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;

/**
 * The budget pools of the program catalog: programs that draw on one budget share a pool (WPI,
 * WPI-CORE and WPI-MULTI draw on WPI; the three SICORP types on SICORP).
 */
public record BudgetPools(ProgramCatalog catalog) {

  public static BudgetPools standard() {
    return new BudgetPools(ProgramCatalog.load());
  }

  /** The pool named by a program code or by the pool's own name. */
  public Optional<String> poolOf(String code) {
    Optional<Program> program = catalog.find(code);
    if (program.isPresent()) {
      return Optional.of(program.get().budgetPool());
    }
    return catalog.findPool(code).map(BudgetPool::code);
  }

  public List<String> pools() {
    return catalog.budgetPools().stream().map(BudgetPool::code).toList();
  }

  public List<Program> programsIn(String pool) {
    return catalog.programsIn(pool);
  }

  /** The catalog's budget of the pool for a fiscal year, if the catalog states one. */
  public Optional<Long> catalogBudget(String pool, int fiscalYear) {
    return catalog.findPool(pool).flatMap(p -> p.budgetFor(fiscalYear));
  }
}
