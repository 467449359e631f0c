package jp.grants.ledger.budget.query;

import jp.grants.ledger.budget.domain.BudgetSource;

/**
 * A fund (基金): one total over its term, drawn down by every program financed from it.
 *
 * @param disbursedYen what was drawn (direct and indirect costs, less what came back)
 * @param remainingYen total - disbursed
 * @param entered false when the ledger has not entered the fund yet (the catalog's figures shown)
 */
public record FundView(
    String budgetPool,
    long totalYen,
    long disbursedYen,
    long remainingYen,
    int firstFiscalYear,
    int lastFiscalYear,
    BudgetSource budgetSource,
    boolean entered) {}
