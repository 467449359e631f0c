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
    Long unallocatedYen) {}
