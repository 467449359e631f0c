package jp.grants.ledger.grant.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.grant.domain.GrantStatus;

/**
 * A grant's money overall and per fiscal year.
 *
 * @param totalCapYen the grant's total award: the cap over its whole life
 * @param allocatedYen the sum of its allocations per fiscal year
 * @param headroomYen what is left of the total award
 * @param indirectYen the indirect costs paid with its payments to the host institution (gross)
 * @param settled whether the grant's final amount was settled (no money of it moves any more)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantLedgerView(
    UUID grantId,
    String programCode,
    String budgetPool,
    String phase,
    GrantStatus status,
    int startFiscalYear,
    int endFiscalYear,
    Integer lastFiscalYear,
    long totalCapYen,
    long allocatedYen,
    long disbursedYen,
    long headroomYen,
    long indirectYen,
    boolean settled,
    List<ExpenseCategory> eligibleExpenses,
    List<GrantYearView> fiscalYears) {}
