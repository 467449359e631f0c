package jp.grants.ledger.grant.command;

import static jp.grants.catalog.Rules.yen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
import jp.grants.contracts.grant.GrantSuspended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.NoCostExtensionGranted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.ledger.budget.command.ProgramBudgets;
import jp.grants.ledger.grant.domain.AllocationPlan;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.ledger.grant.persistence.GrantYear;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.rule.LedgerRule;
import org.jboss.logging.Logger;

/**
 * Builds each grant's caps from its events: the award, stage gates, extensions, termination and
 * close-out. Every change of an allocation or of the total award is journalled. Runs in the inbox
 * transaction of the event, holding the grant's row lock, so no disbursement of the grant runs
 * between reading its figures and writing the new ones.
 */
@ApplicationScoped
public class GrantAccountHandler {
  private static final Logger LOG = Logger.getLogger(GrantAccountHandler.class);

  @Inject Journal journal;
  @Inject ProgramBudgets budgets;

  private final ProgramCatalog catalog = ProgramCatalog.load();

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantAwarded event, Provenance provenance) {
    if (GrantAccount.findById(event.grantId()) != null) {
      LOG.warnf(
          "grant %s was awarded before; award event %s changes nothing",
          event.grantId(), provenance.causationId());
      return;
    }
    Program program = catalog.require(event.programCode());
    GrantAccount grant = new GrantAccount();
    grant.grantId = event.grantId();
    grant.programCode = program.code();
    grant.budgetPool = program.budgetPool();
    grant.phase = event.phase();
    grant.status = GrantStatus.ACTIVE;
    grant.startFiscalYear = event.startFiscalYear();
    grant.endFiscalYear = event.endFiscalYear();
    grant.eligibleExpenses =
        event.eligibleExpenses() == null || event.eligibleExpenses().isEmpty()
            ? EnumSet.noneOf(ExpenseCategory.class)
            : EnumSet.copyOf(event.eligibleExpenses());
    AllocationPlan.Change change =
        AllocationPlan.empty().award(event.allocations(), event.totalAwardedYen());
    grant.totalCapYen = change.totalCapYen();
    grant.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    grant.updatedAt = grant.createdAt;
    grant.persist();
    apply(
        grant,
        Map.of(),
        change,
        EntryKind.GRANT_AWARDED,
        "GrantAwarded: "
            + program.code()
            + " "
            + event.phase()
            + ", total award "
            + yen(change.totalCapYen()),
        provenance);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(StageGatePassed event, Provenance provenance) {
    GrantAccount grant = lockActive(event.grantId(), "StageGatePassed");
    Map<Integer, GrantYear> years = years(grant.grantId);
    AllocationPlan.Change change =
        plan(grant, years)
            .replaceAfter(event.fiscalYear(), event.allocations(), event.totalAwardedYen());
    grant.phase = event.toPhase();
    if (!change.allocations().isEmpty()) {
      grant.endFiscalYear = Math.max(grant.endFiscalYear, change.allocations().lastKey());
    }
    apply(
        grant,
        years,
        change,
        EntryKind.ALLOCATION_CHANGED,
        "StageGatePassed in FY"
            + event.fiscalYear()
            + ": "
            + event.fromPhase()
            + " -> "
            + event.toPhase()
            + ", total award "
            + yen(change.totalCapYen()),
        provenance);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(StageGateFailed event, Provenance provenance) {
    GrantAccount grant = lockActive(event.grantId(), "StageGateFailed");
    Map<Integer, GrantYear> years = years(grant.grantId);
    // Years past the wind-down's end get nothing, whatever the event lists for them.
    List<FiscalYearAmount> windDown =
        event.allocations() == null
            ? List.of()
            : event.allocations().stream()
                .filter(a -> a.fiscalYear() <= event.endFiscalYear())
                .toList();
    AllocationPlan.Change change =
        plan(grant, years).replaceAfter(event.fiscalYear(), windDown, event.totalAwardedYen());
    grant.endFiscalYear = event.endFiscalYear();
    apply(
        grant,
        years,
        change,
        EntryKind.ALLOCATION_CHANGED,
        "StageGateFailed in FY"
            + event.fiscalYear()
            + ": winds down by FY"
            + event.endFiscalYear()
            + ", total award "
            + yen(change.totalCapYen()),
        provenance);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantExtended event, Provenance provenance) {
    GrantAccount grant = lockActive(event.grantId(), "GrantExtended");
    Map<Integer, GrantYear> years = years(grant.grantId);
    AllocationPlan.Change change =
        plan(grant, years).extend(event.allocations(), event.totalAwardedYen());
    grant.endFiscalYear = Math.max(grant.endFiscalYear, event.endFiscalYear());
    if (event.phase() != null) {
      grant.phase = event.phase();
    }
    apply(
        grant,
        years,
        change,
        EntryKind.ALLOCATION_CHANGED,
        "GrantExtended by "
            + event.additionalYears()
            + " year(s) to FY"
            + event.endFiscalYear()
            + ", total award "
            + yen(change.totalCapYen()),
        provenance);
  }

  /**
   * A year of the grant enters the ledger with its allocation; the pool's budget for the year
   * enters with the first year of any grant in it.
   */
  private void openYear(
      GrantAccount grant, int fiscalYear, long allocationYen, Provenance provenance) {
    GrantYear year = new GrantYear();
    year.grantId = grant.grantId;
    year.fiscalYear = fiscalYear;
    year.allocationYen = allocationYen;
    year.persist();
    budgets.ensure(grant.budgetPool, fiscalYear, provenance);
  }

  /**
   * A no-cost extension: the term's end moves and no cap does (the total and every year's
   * allocation stay); the new years start with nothing allocated, so money reaches them only by a
   * carry-over. No journal entry: no money moved.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void on(NoCostExtensionGranted event, Provenance provenance) {
    GrantAccount grant = lockActive(event.grantId(), "NoCostExtensionGranted");
    Map<Integer, GrantYear> years = years(grant.grantId);
    for (int fiscalYear = grant.endFiscalYear + 1;
        fiscalYear <= event.endFiscalYear();
        fiscalYear++) {
      if (!years.containsKey(fiscalYear)) {
        openYear(grant, fiscalYear, 0, provenance);
      }
    }
    grant.endFiscalYear = Math.max(grant.endFiscalYear, event.endFiscalYear());
  }

  /** Suspended (中断): the engine pays nothing until the grant resumes; the caps do not move. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantSuspended event, Provenance provenance) {
    lockActive(event.grantId(), "GrantSuspended").status = GrantStatus.SUSPENDED;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantResumed event, Provenance provenance) {
    GrantAccount grant = lockOpen(event.grantId(), "GrantResumed");
    if (grant.status == GrantStatus.SUSPENDED) {
      grant.status = GrantStatus.ACTIVE;
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantTerminated event, Provenance provenance) {
    GrantAccount grant = lockOpen(event.grantId(), "GrantTerminated");
    Map<Integer, GrantYear> years = years(grant.grantId);
    int last =
        grant.lastFiscalYear == null
            ? event.lastFiscalYear()
            : Math.min(grant.lastFiscalYear, event.lastFiscalYear());
    AllocationPlan.Change change = plan(grant, years).releaseAfter(last);
    grant.status = GrantStatus.TERMINATED;
    grant.lastFiscalYear = last;
    apply(
        grant,
        years,
        change,
        EntryKind.ALLOCATION_RELEASED,
        "GrantTerminated after FY"
            + last
            + ": unspent allocations of later years released ("
            + event.reason()
            + ")",
        provenance);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantClosed event, Provenance provenance) {
    GrantAccount grant = lockOpen(event.grantId(), "GrantClosed");
    Map<Integer, GrantYear> years = years(grant.grantId);
    AllocationPlan.Change change = plan(grant, years).releaseAll();
    grant.status = GrantStatus.CLOSED;
    apply(
        grant,
        years,
        change,
        EntryKind.ALLOCATION_RELEASED,
        "GrantClosed: unspent allocations released"
            + (event.note() == null ? "" : " (" + event.note() + ")"),
        provenance);
  }

  /** Writes the new figures and journals the change (nothing when nothing changed). */
  private void apply(
      GrantAccount grant,
      Map<Integer, GrantYear> years,
      AllocationPlan.Change change,
      EntryKind kind,
      String memo,
      Provenance provenance) {
    change
        .allocations()
        .forEach(
            (fiscalYear, amount) -> {
              GrantYear year = years.get(fiscalYear);
              if (year != null) {
                year.allocationYen = amount;
                return;
              }
              openYear(grant, fiscalYear, amount, provenance);
            });
    grant.totalCapYen = change.totalCapYen();
    grant.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    var entry =
        Movements.allocations(
            kind,
            grant.grantId,
            grant.budgetPool,
            change.allocationChanges(),
            change.totalChangeYen(),
            memo);
    if (!entry.isEmpty()) {
      journal.append(
          entry.build(), Journal.Subject.grant(grant.grantId, grant.budgetPool), provenance);
    }
  }

  private static AllocationPlan plan(GrantAccount grant, Map<Integer, GrantYear> years) {
    TreeMap<Integer, AllocationPlan.Year> figures = new TreeMap<>();
    years.forEach(
        (fy, y) -> figures.put(fy, new AllocationPlan.Year(y.allocationYen, y.disbursedYen)));
    return new AllocationPlan(figures, grant.totalCapYen, grant.disbursedYen);
  }

  private static Map<Integer, GrantYear> years(UUID grantId) {
    return GrantYear.of(grantId).stream()
        .collect(Collectors.toMap(y -> y.fiscalYear, Function.identity()));
  }

  private static GrantAccount lockActive(UUID grantId, String what) {
    GrantAccount grant = lockOpen(grantId, what);
    if (grant.status != GrantStatus.ACTIVE) {
      throw LedgerRule.GRANT_NOT_ACTIVE.violation(
          what + " for grant " + grantId + ", which is " + grant.status);
    }
    return grant;
  }

  private static GrantAccount lockOpen(UUID grantId, String what) {
    GrantAccount grant = GrantAccount.lock(grantId);
    if (grant == null) {
      throw LedgerRule.UNKNOWN_GRANT.violation(what + " for grant " + grantId + ", never awarded");
    }
    if (grant.status == GrantStatus.CLOSED) {
      throw LedgerRule.GRANT_NOT_ACTIVE.violation(
          what + " for grant " + grantId + ", which is closed");
    }
    return grant;
  }
}
