package jp.grants.ledger.budget.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import jp.grants.ledger.budget.domain.BudgetSource;

/**
 * A budget pool's money for one fiscal year.
 *
 * @param programs the programs that draw on the pool
 * @param budgetYen the pool's budget for the year; null when it has none (nothing can be paid)
 * @param allocatedYen what the pool's grants are allocated for the year
 * @param headroomYen what is left of the budget: budget - disbursed
 * @param unallocatedYen budget - allocated; negative when the pool allocated more than its budget
 *     (the budget still caps what is paid)
 * @param kind YEARLY or FUND. For a fund, {@code budgetYen} is null and {@code disbursedYen} and
 *     {@code headroomYen} are the fund's (over its whole term; headroom 0 in a year the fund does
 *     not cover), and {@code fund} gives its total, what was drawn, what remains and its term
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgramYearView(
    String budgetPool,
    List<String> programs,
    int fiscalYear,
    Long budgetYen,
    BudgetSource budgetSource,
    long grants,
    long allocatedYen,
    long disbursedYen,
    long headroomYen,
    Long unallocatedYen,
    String kind,
    FundView fund) {}
