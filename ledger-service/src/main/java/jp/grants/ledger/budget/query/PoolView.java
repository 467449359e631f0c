package jp.grants.ledger.budget.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import jp.grants.ledger.budget.domain.BudgetSource;

/**
 * A budget pool as a whole: a fund's total, drawn and remaining over its term; a yearly pool's
 * budget per fiscal year the ledger has entered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolView(
    String budgetPool,
    String kind,
    List<String> programs,
    Long totalYen,
    Long disbursedYen,
    Long remainingYen,
    Integer firstFiscalYear,
    Integer lastFiscalYear,
    BudgetSource budgetSource,
    List<ProgramYearView> fiscalYears) {}
