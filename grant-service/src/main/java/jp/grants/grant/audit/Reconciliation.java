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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

  public record GrantReconciliation(
      UUID grantId,
      Figures fromEvents,
      @Schema(
              nullable = true,
              description = "What the ledger holds; none when it knows no such grant")
          Figures inLedger,
      List<Difference> differences) {}

  public record Report(
      String program,
      int fiscalYear,
      int grantsChecked,
      int differences,
      List<GrantReconciliation> grants) {}

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
      recorded.put(
          r.grantId(),
          new Figures(
              r.allocationYen(),
              r.disbursedYen(),
              r.disbursements().stream()
                  .map(LedgerClient.PaidDisbursement::disbursementId)
                  .toList()));
    }
    Set<UUID> all = new LinkedHashSet<>(implied.keySet());
    all.addAll(recorded.keySet());
    List<GrantReconciliation> grants = new ArrayList<>();
    int count = 0;
    for (UUID grant : all) {
      List<Difference> differences = compare(implied.get(grant), recorded.get(grant));
      count += differences.size();
      grants.add(
          new GrantReconciliation(grant, implied.get(grant), recorded.get(grant), differences));
    }
    return new Report(program, fiscalYear, grants.size(), count, grants);
  }

  /**
   * What the grant's events say for the year: its allocation after carry-overs (released down to
   * what the year holds once the grant is closed, or terminated before the year), what the year
   * holds (paid − refunded − paid carried out + paid carried in: the ledger's disbursed figure of
   * the grant-year) and the ledger payments it recorded.
   */
  Figures implied(UUID grant, int fiscalYear) {
    List<DomainEventMessage<?>> history = replayer.history(grant);
    GrantView view = GrantReplayer.replay(history).orElseThrow();
    List<UUID> paid = new ArrayList<>();
    for (DomainEventMessage<?> event : history) {
      if (event.getPayload() instanceof FundsDisbursed f && f.fiscalYear() == fiscalYear) {
        paid.add(f.disbursementId());
      }
    }
    GrantView.FiscalYearMoney money = view.moneyByFiscalYear().get(fiscalYear);
    long held = money == null ? 0 : money.heldYen();
    long planned = money == null ? 0 : money.capYen();
    long allocation = !awarded(view) ? 0 : released(view, fiscalYear) ? held : planned;
    return new Figures(allocation, held, paid);
  }

  private static boolean awarded(GrantView view) {
    return view.status() == GrantStatus.ACTIVE
        || view.status() == GrantStatus.WINDING_DOWN
        || view.status() == GrantStatus.CLOSED
        || view.status() == GrantStatus.TERMINATED;
  }

  /**
   * The ledger releases the unspent allocation of every year on closure, and of the years after a
   * termination.
   */
  private static boolean released(GrantView view, int fiscalYear) {
    return view.status() == GrantStatus.CLOSED
        || (view.status() == GrantStatus.TERMINATED && fiscalYear > view.endFiscalYear());
  }

  // ---- one grant, every year, every figure -----------------------------------------------------

  /**
   * One side's figures for a grant-year, with the ledger's names. reportedYen, unspentYen and
   * finalYen are null while the year has no accepted report, or the grant no settlement.
   */
  public record YearFigures(
      long allocatedYen,
      long carriedInYen,
      long carriedOutYen,
      long capYen,
      long paidYen,
      long indirectCostYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long heldYen,
      @Schema(nullable = true, description = "As reported; none before the annual report")
          Long reportedYen,
      @Schema(nullable = true, description = "None before the annual report") Long unspentYen,
      @Schema(nullable = true, description = "None before the settlement") Long finalYen) {
    static final YearFigures NONE =
        new YearFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null);
  }

  /**
   * A figure on which the grant's history and the ledger disagree, or that the ledger found wrong
   * itself ({@code source} LEDGER: its figures against each other or its journal).
   */
  public record FigureDifference(
      String figure, Long historyYen, Long ledgerYen, String source, String explanation) {}

  public record YearReconciliation(
      int fiscalYear,
      YearFigures fromEvents,
      @Schema(
              nullable = true,
              description = "What the ledger holds for the year; none when it has no such year")
          YearFigures inLedger,
      List<FigureDifference> differences) {}

  /**
   * A grant's money, year by year and figure by figure, as its history has it beside the ledger.
   *
   * @param differences how many differences there are, the grant's and every year's
   */
  public record GrantMoneyReconciliation(
      UUID grantId,
      String programCode,
      String status,
      boolean settled,
      @Schema(nullable = true, description = "None before the grant is closed out")
          Long finalAmountYen,
      @Schema(nullable = true, description = "None before the grant is closed out")
          Long finalIndirectCostYen,
      @Schema(nullable = true, description = "None when the ledger could not be asked")
          Boolean ledgerSettled,
      @Schema(nullable = true, description = "None before the ledger settled the grant")
          Long ledgerFinalAmountYen,
      @Schema(nullable = true, description = "None before the ledger settled the grant")
          Long ledgerFinalIndirectCostYen,
      List<FigureDifference> grantDifferences,
      List<YearReconciliation> years,
      int differences) {}

  /** Replays the grant's history and compares it with the ledger's reconciliation of the grant. */
  public GrantMoneyReconciliation reconcileGrant(UUID grant, String authorization) {
    GrantView view =
        GrantReplayer.replay(replayer.history(grant))
            .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no grant " + grant));
    LedgerClient.LedgerReconciliation recorded;
    try {
      recorded = ledger.grantReconciliation(grant, authorization);
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        recorded =
            null; // the ledger has no account for the grant (never awarded, or not yet there)
      } else {
        throw new ServiceUnavailableException(
            "the ledger-service answered " + e.getResponse().getStatus());
      }
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException(
          "the ledger-service cannot be reached: " + e.getMessage());
    }
    return compare(view, recorded);
  }

  /** The history's figures of every year the grant has an allocation or money in. */
  static java.util.TreeMap<Integer, YearFigures> fromHistory(GrantView view) {
    java.util.TreeMap<Integer, YearFigures> years = new java.util.TreeMap<>();
    boolean awarded = awarded(view);
    view.moneyByFiscalYear()
        .forEach(
            (year, m) -> {
              long cap = !awarded ? 0 : released(view, year) ? m.heldYen() : m.capYen();
              years.put(
                  year,
                  new YearFigures(
                      cap - m.carriedInYen() + m.carriedOutYen(),
                      m.carriedInYen(),
                      m.carriedOutYen(),
                      cap,
                      m.paidYen(),
                      m.indirectCostYen(),
                      m.refundedYen(),
                      m.indirectRefundedYen(),
                      m.additionalChargeYen(),
                      m.paidCarriedInYen(),
                      m.paidCarriedOutYen(),
                      m.heldYen(),
                      m.reportedYen(),
                      m.unspentYen(),
                      m.finalYen()));
            });
    return years;
  }

  static java.util.TreeMap<Integer, YearFigures> fromLedger(
      LedgerClient.LedgerReconciliation ledger) {
    java.util.TreeMap<Integer, YearFigures> years = new java.util.TreeMap<>();
    if (ledger != null && ledger.years() != null) {
      for (LedgerClient.LedgerYear y : ledger.years()) {
        Long unspent = y.reportedYen() == null ? null : y.unspentYen();
        years.put(
            y.fiscalYear(),
            new YearFigures(
                y.allocatedYen(),
                y.carriedInYen(),
                y.carriedOutYen(),
                y.capYen(),
                y.paidYen(),
                y.indirectCostYen(),
                y.refundedYen(),
                y.indirectRefundedYen(),
                y.additionalChargeYen(),
                y.paidCarriedInYen(),
                y.paidCarriedOutYen(),
                y.heldYen(),
                y.reportedYen(),
                unspent,
                y.finalYen()));
      }
    }
    return years;
  }

  /** Every difference between the history (replayed into {@code view}) and the ledger's figures. */
  static GrantMoneyReconciliation compare(
      GrantView view, LedgerClient.LedgerReconciliation ledger) {
    var history = fromHistory(view);
    var recorded = fromLedger(ledger);
    var settlement = view.settlement();
    Long finalAmount = settlement == null ? null : settlement.finalAmountYen();
    Long finalIndirect = settlement == null ? null : settlement.finalIndirectCostYen();
    List<FigureDifference> grantDifferences = new ArrayList<>();
    if (ledger == null) {
      if (!history.isEmpty() && awarded(view)) {
        grantDifferences.add(
            new FigureDifference(
                "GRANT",
                null,
                null,
                "HISTORY",
                "the grant's history has an award the ledger has no account for"));
      }
    } else {
      if (ledger.settled() != view.settled()) {
        grantDifferences.add(
            new FigureDifference(
                "SETTLED",
                null,
                null,
                "HISTORY",
                view.settled()
                    ? "the history records a settlement the ledger does not have"
                    : "the ledger settled the grant; its history records no GrantSettled"));
      }
      figure(grantDifferences, "FINAL_AMOUNT", finalAmount, ledger.finalAmountYen());
      figure(grantDifferences, "FINAL_INDIRECT", finalIndirect, ledger.finalIndirectCostYen());
    }
    java.util.TreeSet<Integer> all = new java.util.TreeSet<>(history.keySet());
    all.addAll(recorded.keySet());
    List<YearReconciliation> years = new ArrayList<>();
    int count = grantDifferences.size();
    Map<Integer, LedgerClient.LedgerYear> ledgerYears = new LinkedHashMap<>();
    if (ledger != null && ledger.years() != null) {
      ledger.years().forEach(y -> ledgerYears.put(y.fiscalYear(), y));
    }
    for (int year : all) {
      YearFigures h = history.getOrDefault(year, YearFigures.NONE);
      YearFigures l = recorded.getOrDefault(year, YearFigures.NONE);
      List<FigureDifference> differences = compare(h, l);
      LedgerClient.LedgerYear own = ledgerYears.get(year);
      if (own != null && own.differences() != null) {
        for (LedgerClient.LedgerDifference d : own.differences()) {
          differences.add(
              new FigureDifference(
                  d.figure(),
                  d.expectedYen(),
                  d.actualYen(),
                  "LEDGER",
                  "the ledger's own check: " + d.explanation()));
        }
      }
      count += differences.size();
      years.add(new YearReconciliation(year, history.get(year), recorded.get(year), differences));
    }
    return new GrantMoneyReconciliation(
        view.grantId(),
        view.programCode(),
        view.status().name(),
        view.settled(),
        finalAmount,
        finalIndirect,
        ledger == null ? null : ledger.settled(),
        ledger == null ? null : ledger.finalAmountYen(),
        ledger == null ? null : ledger.finalIndirectCostYen(),
        grantDifferences,
        years,
        count);
  }

  /** Figure by figure, one grant-year: the history against the ledger. */
  static List<FigureDifference> compare(YearFigures history, YearFigures ledger) {
    List<FigureDifference> d = new ArrayList<>();
    figure(d, "ALLOCATED", history.allocatedYen(), ledger.allocatedYen());
    figure(d, "CARRIED_IN", history.carriedInYen(), ledger.carriedInYen());
    figure(d, "CARRIED_OUT", history.carriedOutYen(), ledger.carriedOutYen());
    figure(d, "CAP", history.capYen(), ledger.capYen());
    figure(d, "PAID", history.paidYen(), ledger.paidYen());
    figure(d, "INDIRECT", history.indirectCostYen(), ledger.indirectCostYen());
    figure(d, "REFUNDED", history.refundedYen(), ledger.refundedYen());
    figure(d, "INDIRECT_REFUNDED", history.indirectRefundedYen(), ledger.indirectRefundedYen());
    figure(d, "ADDITIONAL_CHARGE", history.additionalChargeYen(), ledger.additionalChargeYen());
    figure(d, "PAID_CARRIED_IN", history.paidCarriedInYen(), ledger.paidCarriedInYen());
    figure(d, "PAID_CARRIED_OUT", history.paidCarriedOutYen(), ledger.paidCarriedOutYen());
    figure(d, "HELD", history.heldYen(), ledger.heldYen());
    figure(d, "REPORTED", history.reportedYen(), ledger.reportedYen());
    figure(d, "UNSPENT", history.unspentYen(), ledger.unspentYen());
    figure(d, "FINAL", history.finalYen(), ledger.finalYen());
    return d;
  }

  private static void figure(
      List<FigureDifference> differences, String figure, Long history, Long ledger) {
    if (java.util.Objects.equals(history, ledger)) {
      return;
    }
    String explanation =
        history == null
            ? "the ledger has " + ledger + " yen; the grant's history records none"
            : ledger == null
                ? "the grant's history records " + history + " yen; the ledger has none"
                : "the grant's history implies "
                    + history
                    + " yen, the ledger has "
                    + ledger
                    + " yen ("
                    + (ledger - history > 0 ? "+" : "")
                    + (ledger - history)
                    + ")";
    differences.add(new FigureDifference(figure, history, ledger, "HISTORY", explanation));
  }

  static List<Difference> compare(Figures events, Figures ledger) {
    List<Difference> differences = new ArrayList<>();
    if (events == null) {
      differences.add(
          new Difference(
              "GRANT_ONLY_IN_LEDGER",
              "the ledger has money for a grant whose history implies none"));
      events = new Figures(0, 0, List.of());
    }
    if (ledger == null) {
      differences.add(
          new Difference(
              "GRANT_ONLY_IN_EVENTS",
              "the grant's history implies money the ledger does not have"));
      ledger = new Figures(0, 0, List.of());
    }
    if (events.allocationYen() != ledger.allocationYen()) {
      differences.add(
          new Difference(
              "ALLOCATION",
              "history implies "
                  + events.allocationYen()
                  + " yen, ledger has "
                  + ledger.allocationYen()
                  + " yen"));
    }
    if (events.disbursedYen() != ledger.disbursedYen()) {
      differences.add(
          new Difference(
              "DISBURSED",
              "history records "
                  + events.disbursedYen()
                  + " yen paid, ledger "
                  + ledger.disbursedYen()
                  + " yen"));
    }
    for (UUID id : ledger.disbursements()) {
      if (!events.disbursements().contains(id)) {
        differences.add(
            new Difference(
                "DISBURSEMENT_ONLY_IN_LEDGER",
                "disbursement " + id + " has no FundsDisbursed in the grant's history"));
      }
    }
    for (UUID id : events.disbursements()) {
      if (!ledger.disbursements().contains(id)) {
        differences.add(
            new Difference(
                "DISBURSEMENT_ONLY_IN_EVENTS",
                "disbursement " + id + " is in the grant's history but not in the ledger"));
      }
    }
    return differences;
  }

  private List<LedgerClient.GrantYearRecord> ledgerRecords(
      String program, int fiscalYear, String authorization) {
    try {
      return ledger.grants(program, fiscalYear, authorization);
    } catch (WebApplicationException e) {
      throw new ServiceUnavailableException(
          "the ledger-service answered " + e.getResponse().getStatus());
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException(
          "the ledger-service cannot be reached: " + e.getMessage());
    }
  }
}
