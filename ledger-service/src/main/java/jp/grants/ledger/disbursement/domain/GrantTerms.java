package jp.grants.ledger.disbursement.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.grant.domain.GrantStatus;

/**
 * What a disbursement must keep before any cap is looked at: the grant is active for the year, the
 * year is one of the grant's, and the program (and the grant's award) fund the expense.
 *
 * @param awardedExpenses the categories the award names; empty means "as the program"
 */
public record GrantTerms(
    UUID grantId,
    String programCode,
    GrantStatus status,
    int startFiscalYear,
    int endFiscalYear,
    Integer lastFiscalYear,
    Set<ExpenseCategory> awardedExpenses) {

  /** The first rule the request breaks, checked in a fixed order; empty when it keeps them all. */
  public Optional<Refusal> check(
      Program program, int fiscalYear, long amountYen, ExpenseCategory category) {
    if (amountYen <= 0) {
      return Optional.of(Refusal.amountNotPositive(amountYen));
    }
    if (status == GrantStatus.SUSPENDED) {
      return Optional.of(Refusal.suspended(grantId, amountYen));
    }
    if (status == GrantStatus.CLOSED
        || (status == GrantStatus.TERMINATED
            && lastFiscalYear != null
            && fiscalYear > lastFiscalYear)) {
      return Optional.of(Refusal.notActive(grantId, status, lastFiscalYear, fiscalYear, amountYen));
    }
    if (fiscalYear < startFiscalYear || fiscalYear > endFiscalYear) {
      return Optional.of(
          Refusal.outsideGrant(grantId, startFiscalYear, endFiscalYear, fiscalYear, amountYen));
    }
    List<ExpenseCategory> eligible = eligible(program);
    if (category == null || !eligible.contains(category)) {
      return Optional.of(Refusal.ineligible(programCode, category, eligible, amountYen));
    }
    return Optional.empty();
  }

  /** The program's eligible categories, narrowed to the award's where the award names them. */
  public List<ExpenseCategory> eligible(Program program) {
    Set<ExpenseCategory> eligible = EnumSet.noneOf(ExpenseCategory.class);
    eligible.addAll(program.eligibleExpenses());
    if (awardedExpenses != null && !awardedExpenses.isEmpty()) {
      eligible.retainAll(awardedExpenses);
    }
    return List.copyOf(eligible);
  }
}
