package jp.grants.grant.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.grant.command.GrantStatus;
import jp.grants.grant.command.GrantView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sets the money each grant's event history implies for a fiscal year beside what the ledger
 * recorded, and lists every difference. The histories are replayed through the aggregate; the
 * ledger is read as it is. A healthy system shows no difference.
 */
@ApplicationScoped
public class Reconciliation {
  @Inject GrantSelection selection;
  @Inject GrantReplayer replayer;
  @Inject @RestClient LedgerClient ledger;

  /** One side's figures for a grant and year. */
  public record Figures(long allocationYen, long disbursedYen, List<UUID> disbursements) {}

  public record Difference(String kind, String detail) {}

  public record GrantReconciliation(UUID grantId, Figures fromEvents, Figures inLedger, List<Difference> differences) {}

  public record Report(String program, int fiscalYear, int grantsChecked, int differences, List<GrantReconciliation> grants) {}

  public Report reconcile(String program, int fiscalYear, String authorization) {
    Map<UUID, Figures> implied = new LinkedHashMap<>();
    for (UUID grant : selection.grantsOf(program, fiscalYear)) {
      Figures figures = implied(grant, fiscalYear);
      if (figures.allocationYen() > 0 || !figures.disbursements().isEmpty()) {
        implied.put(grant, figures);
      }
    }
    Map<UUID, Figures> recorded = new LinkedHashMap<>();
    for (LedgerClient.GrantYearRecord r : ledgerRecords(program, fiscalYear, authorization)) {
      recorded.put(r.grantId(), new Figures(r.allocationYen(), r.disbursedYen(),
          r.disbursements().stream().map(LedgerClient.PaidDisbursement::disbursementId).toList()));
    }
    Set<UUID> all = new LinkedHashSet<>(implied.keySet());
    all.addAll(recorded.keySet());
    List<GrantReconciliation> grants = new ArrayList<>();
    int count = 0;
    for (UUID grant : all) {
      List<Difference> differences = compare(implied.get(grant), recorded.get(grant));
      count += differences.size();
      grants.add(new GrantReconciliation(grant, implied.get(grant), recorded.get(grant), differences));
    }
    return new Report(program, fiscalYear, grants.size(), count, grants);
  }

  /**
   * What the grant's events say for the year: its planned allocation (released down to what was
   * paid once the grant is closed, or terminated before the year) and the ledger payments it
   * recorded.
   */
  Figures implied(UUID grant, int fiscalYear) {
    List<DomainEventMessage<?>> history = replayer.history(grant);
    GrantView view = GrantReplayer.replay(history).orElseThrow();
    List<UUID> paid = new ArrayList<>();
    long disbursed = 0;
    for (DomainEventMessage<?> event : history) {
      if (event.getPayload() instanceof FundsDisbursed f && f.fiscalYear() == fiscalYear) {
        paid.add(f.disbursementId());
        disbursed = Math.addExact(disbursed, f.amountYen());
      }
    }
    long planned = view.allocations().stream().filter(a -> a.fiscalYear() == fiscalYear)
        .mapToLong(a -> a.amountYen()).sum();
    boolean released = view.status() == GrantStatus.CLOSED
        || (view.status() == GrantStatus.TERMINATED && fiscalYear > view.endFiscalYear());
    boolean awarded = view.status() == GrantStatus.ACTIVE || view.status() == GrantStatus.WINDING_DOWN
        || view.status() == GrantStatus.CLOSED || view.status() == GrantStatus.TERMINATED;
    long allocation = !awarded ? 0 : released ? disbursed : planned;
    return new Figures(allocation, disbursed, paid);
  }

  static List<Difference> compare(Figures events, Figures ledger) {
    List<Difference> differences = new ArrayList<>();
    if (events == null) {
      differences.add(new Difference("GRANT_ONLY_IN_LEDGER", "the ledger has money for a grant whose history implies none"));
      events = new Figures(0, 0, List.of());
    }
    if (ledger == null) {
      differences.add(new Difference("GRANT_ONLY_IN_EVENTS", "the grant's history implies money the ledger does not have"));
      ledger = new Figures(0, 0, List.of());
    }
    if (events.allocationYen() != ledger.allocationYen()) {
      differences.add(new Difference("ALLOCATION", "history implies " + events.allocationYen() + " yen, ledger has "
          + ledger.allocationYen() + " yen"));
    }
    if (events.disbursedYen() != ledger.disbursedYen()) {
      differences.add(new Difference("DISBURSED", "history records " + events.disbursedYen() + " yen paid, ledger "
          + ledger.disbursedYen() + " yen"));
    }
    for (UUID id : ledger.disbursements()) {
      if (!events.disbursements().contains(id)) {
        differences.add(new Difference("DISBURSEMENT_ONLY_IN_LEDGER", "disbursement " + id + " has no FundsDisbursed in the grant's history"));
      }
    }
    for (UUID id : events.disbursements()) {
      if (!ledger.disbursements().contains(id)) {
        differences.add(new Difference("DISBURSEMENT_ONLY_IN_EVENTS", "disbursement " + id + " is in the grant's history but not in the ledger"));
      }
    }
    return differences;
  }

  private List<LedgerClient.GrantYearRecord> ledgerRecords(String program, int fiscalYear, String authorization) {
    try {
      return ledger.grants(program, fiscalYear, authorization);
    } catch (WebApplicationException e) {
      throw new ServiceUnavailableException("the ledger-service answered " + e.getResponse().getStatus());
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("the ledger-service cannot be reached: " + e.getMessage());
    }
  }
}
