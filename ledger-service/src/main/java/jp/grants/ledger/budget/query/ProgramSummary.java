package jp.grants.ledger.budget.query;

/** One program's grants in a fiscal year: how many, allocated and disbursed. */
public record ProgramSummary(
    String programCode,
    String budgetPool,
    long grants,
    long allocatedYen,
    long disbursedYen,
    long unspentYen) {}
