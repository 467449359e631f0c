package jp.grants.ledger.grant.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.ledger.budget.persistence.BudgetFund;
import jp.grants.ledger.budget.persistence.ProgramYear;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.ledger.grant.persistence.GrantYear;

/** Reads a grant's caps and what was disbursed against them. */
@ApplicationScoped
public class GrantLedgerQueries {
  private final ProgramCatalog catalog = ProgramCatalog.load();

  public boolean exists(UUID grantId) {
    return GrantAccount.count("grantId", grantId) > 0;
  }

  public Optional<GrantLedgerView> grant(UUID grantId) {
    GrantAccount grant = GrantAccount.findById(grantId);
    if (grant == null) {
      return Optional.empty();
    }
    List<GrantYear> years = GrantYear.of(grantId);
    Map<Integer, ProgramYear> budgets =
        years.isEmpty()
            ? Map.of()
            : ProgramYear.<ProgramYear>list(
                    "budgetPool = ?1 and fiscalYear in ?2",
                    grant.budgetPool,
                    years.stream().map(y -> y.fiscalYear).toList())
                .stream()
                .collect(Collectors.toMap(p -> p.fiscalYear, p -> p));
    BudgetFund fund = BudgetFund.findById(grant.budgetPool);
    List<GrantYearView> views =
        years.stream().map(y -> view(grant, y, budgets.get(y.fiscalYear), fund)).toList();
    long allocated = years.stream().mapToLong(y -> y.allocationYen).sum();
    var terms =
        new GrantTerms(
            grant.grantId,
            grant.programCode,
            grant.status,
            grant.startFiscalYear,
            grant.endFiscalYear,
            grant.lastFiscalYear,
            grant.eligibleExpenses);
    return Optional.of(
        new GrantLedgerView(
            grant.grantId,
            grant.programCode,
            grant.budgetPool,
            grant.phase,
            grant.status,
            grant.startFiscalYear,
            grant.endFiscalYear,
            grant.lastFiscalYear,
            grant.totalCapYen,
            allocated,
            grant.disbursedYen,
            grant.totalCapYen - grant.disbursedYen,
            grant.indirectYen,
            grant.settledAt != null,
            terms.eligible(catalog.require(grant.programCode)),
            views));
  }

  public Optional<GrantYearView> grantYear(UUID grantId, int fiscalYear) {
    GrantAccount grant = GrantAccount.findById(grantId);
    if (grant == null) {
      return Optional.empty();
    }
    GrantYear year = GrantYear.findById(new GrantYear.Key(grantId, fiscalYear));
    if (year == null) {
      year = new GrantYear();
      year.grantId = grantId;
      year.fiscalYear = fiscalYear;
    }
    return Optional.of(
        view(
            grant,
            year,
            ProgramYear.find(grant.budgetPool, fiscalYear),
            BudgetFund.findById(grant.budgetPool)));
  }

  private static GrantYearView view(
      GrantAccount grant, GrantYear year, ProgramYear budget, BudgetFund fund) {
    long headroom = year.allocationYen - year.disbursedYen;
    long totalHeadroom = grant.totalCapYen - grant.disbursedYen;
    long programHeadroom =
        fund != null
            ? (year.fiscalYear >= fund.firstFiscalYear && year.fiscalYear <= fund.lastFiscalYear
                ? fund.totalYen - fund.disbursedYen
                : 0)
            : budget == null ? 0 : budget.budgetYen - budget.disbursedYen;
    return new GrantYearView(
        grant.grantId,
        year.fiscalYear,
        year.allocationYen,
        year.disbursedYen,
        headroom,
        totalHeadroom,
        programHeadroom,
        Math.min(headroom, Math.min(totalHeadroom, programHeadroom)),
        year.carriedInYen,
        year.carriedOutYen,
        year.paidCarriedInYen,
        year.paidCarriedOutYen,
        year.indirectYen,
        year.refundedYen,
        year.indirectRefundedYen,
        year.additionalChargeYen);
  }
}
