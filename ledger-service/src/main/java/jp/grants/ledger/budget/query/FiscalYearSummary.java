package jp.grants.ledger.budget.query;

import java.util.List;

/** Every pool and program in one fiscal year, with the totals over all pools. */
public record FiscalYearSummary(
    int fiscalYear,
    List<ProgramYearView> pools,
    List<ProgramSummary> programs,
    long budgetYen,
    long allocatedYen,
    long disbursedYen,
    long headroomYen) {}
