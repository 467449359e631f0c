package jp.grants.grant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.grant.AnnualReportAccepted;
import jp.grants.contracts.grant.FundsCarriedOver;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.grant.audit.LedgerClient.LedgerDifference;
import jp.grants.grant.audit.LedgerClient.LedgerReconciliation;
import jp.grants.grant.audit.LedgerClient.LedgerYear;
import jp.grants.grant.audit.Reconciliation.FigureDifference;
import jp.grants.grant.audit.Reconciliation.GrantMoneyReconciliation;
import jp.grants.grant.command.GrantView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The per-grant reconciliation: a WPI grant over two fiscal years with a payment and its indirect
 * costs, a carry-over of paid money, a refund with an additional charge, an accepted annual report
 * and the settlement, replayed through the aggregate, beside what the ledger's {@code
 * /grants/{id}/reconciliation} answers, figure by figure.
 */
class GrantMoneyReconciliationTest {
  private static final UUID GRANT = UUID.fromString("00000000-0000-0000-0000-0000000a0d17");
  private static final long M = 1_000_000L;

  /**
   * Awarded 700M in FY2026 and FY2027; 600M paid in FY2026 (180M indirect); 100M carried to FY2027
   * of it 50M paid.
   */
  private static List<Object> history() {
    Program wpi = ProgramCatalog.load().require("WPI");
    List<FiscalYearAmount> plan =
        List.of(new FiscalYearAmount(2026, 700 * M), new FiscalYearAmount(2027, 700 * M));
    List<Object> events = new ArrayList<>();
    events.add(
        new ProposalSubmitted(
            GRANT,
            "WPI",
            "A center",
            "summary",
            "applicant-1",
            new Investigator("Hanako Yamada", "Kyoto University", "JP"),
            List.of("Kyoto University"),
            2026,
            2,
            plan));
    events.add(new ProposalScreened(GRANT, "WPI", "ok"));
    events.add(
        new GrantAwarded(
            GRANT,
            "WPI",
            wpi.initialPhase().code(),
            2026,
            2027,
            plan,
            1_400 * M,
            wpi.eligibleExpenses(),
            null));
    events.add(
        new FundsDisbursed(
            GRANT, UUID.randomUUID(), 2026, 600 * M, ExpenseCategory.PERSONNEL, 180 * M));
    events.add(
        new FundsCarriedOver(GRANT, UUID.randomUUID(), 2026, 2027, 150 * M, 50 * M, true, "late"));
    events.add(
        new FundsRefunded(
            GRANT, UUID.randomUUID(), 2026, 20 * M, 6 * M, 1 * M, RefundKind.ORDERED, "misuse"));
    events.add(
        new AnnualReportAccepted(
            GRANT,
            UUID.randomUUID(),
            2026,
            List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 530 * M)),
            530 * M,
            530 * M,
            0,
            0));
    return events;
  }

  private static List<Object> settledHistory() {
    List<Object> events = history();
    events.add(
        new AnnualReportAccepted(
            GRANT,
            UUID.randomUUID(),
            2027,
            List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 50 * M)),
            50 * M,
            50 * M,
            0,
            0));
    events.add(
        new GrantSettled(
            GRANT,
            UUID.randomUUID(),
            580 * M,
            174 * M,
            20 * M,
            1 * M,
            List.of(new FiscalYearAmount(2026, 530 * M), new FiscalYearAmount(2027, 50 * M))));
    return events;
  }

  /** What a ledger that agrees with {@link #history()} answers. */
  private static LedgerYear fy2026(List<LedgerDifference> differences) {
    return new LedgerYear(
        2026,
        700 * M,
        0,
        150 * M,
        550 * M,
        600 * M,
        180 * M,
        20 * M,
        6 * M,
        1 * M,
        0,
        50 * M,
        530 * M,
        530 * M,
        "ACCEPTED",
        0L,
        null,
        differences);
  }

  private static LedgerYear fy2027() {
    return new LedgerYear(
        2027, 700 * M, 150 * M, 0, 850 * M, 0, 0, 0, 0, 0, 50 * M, 0, 50 * M, null, null, 50 * M,
        null, List.of());
  }

  private static LedgerReconciliation ledger(LedgerYear... years) {
    return new LedgerReconciliation(
        GRANT, "WPI", "WPI", "ACTIVE", false, null, null, List.of(years));
  }

  private static GrantView replay(List<Object> events) {
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      messages.add(new GenericDomainEventMessage<>("Grant", GRANT.toString(), i, events.get(i)));
    }
    return GrantReplayer.replay(messages).orElseThrow();
  }

  @Test
  void shouldFindNothingWhenTheLedgerAgreesFigureByFigure() {
    GrantMoneyReconciliation result =
        Reconciliation.compare(replay(history()), ledger(fy2026(List.of()), fy2027()));
    assertThat(result.differences()).isZero();
    assertThat(result.years()).hasSize(2);
    assertThat(result.years().get(0).fromEvents()).isEqualTo(result.years().get(0).inLedger());
    assertThat(result.years().get(1).fromEvents().capYen()).isEqualTo(850 * M);
    assertThat(result.years().get(1).fromEvents().unspentYen()).isNull();
  }

  @Test
  void shouldNameEveryFigureThatDiffers() {
    // the ledger missed the refund: its paid and held differ, and the report then leaves 20M
    // unspent
    LedgerYear wrong =
        new LedgerYear(
            2026,
            700 * M,
            0,
            150 * M,
            550 * M,
            600 * M,
            180 * M,
            0,
            0,
            0,
            0,
            50 * M,
            550 * M,
            530 * M,
            "ACCEPTED",
            20 * M,
            null,
            List.of());
    GrantMoneyReconciliation result =
        Reconciliation.compare(replay(history()), ledger(wrong, fy2027()));
    List<FigureDifference> differences = result.years().get(0).differences();
    assertThat(differences)
        .extracting(FigureDifference::figure)
        .containsExactly("REFUNDED", "INDIRECT_REFUNDED", "ADDITIONAL_CHARGE", "HELD", "UNSPENT");
    assertThat(differences.get(0).historyYen()).isEqualTo(20 * M);
    assertThat(differences.get(0).ledgerYen()).isEqualTo(0L);
    assertThat(differences.get(3).explanation()).contains("530000000", "550000000", "+20000000");
    assertThat(result.differences()).isEqualTo(5);
    assertThat(result.years().get(1).differences()).isEmpty();
  }

  @Test
  void shouldReportAYearAndACarryOverOnlyOneSideKnows() {
    // the ledger never recorded the carry-over into FY2027, nor has the year at all
    GrantMoneyReconciliation result =
        Reconciliation.compare(replay(history()), ledger(fy2026(List.of())));
    assertThat(result.years().get(1).inLedger()).isNull();
    assertThat(result.years().get(1).differences())
        .extracting(FigureDifference::figure)
        .containsExactly("ALLOCATED", "CARRIED_IN", "CAP", "PAID_CARRIED_IN", "HELD");
  }

  @Test
  void shouldPassOnTheDifferencesTheLedgerFoundItself() {
    var own =
        new LedgerDifference("HELD", 530 * M, 529 * M, "the journal's balance of the grant-year");
    GrantMoneyReconciliation result =
        Reconciliation.compare(replay(history()), ledger(fy2026(List.of(own)), fy2027()));
    assertThat(result.years().get(0).differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.source()).isEqualTo("LEDGER");
              assertThat(d.figure()).isEqualTo("HELD");
              assertThat(d.explanation()).contains("journal");
            });
    assertThat(result.differences()).isEqualTo(1);
  }

  @Test
  void shouldCompareTheSettlementAndTheFinalAmounts() {
    GrantView settled = replay(settledHistory());
    LedgerYear fy2026 =
        new LedgerYear(
            2026,
            700 * M,
            0,
            150 * M,
            550 * M,
            600 * M,
            180 * M,
            20 * M,
            6 * M,
            1 * M,
            0,
            50 * M,
            530 * M,
            530 * M,
            "ACCEPTED",
            0L,
            530 * M,
            List.of());
    LedgerYear fy2027 =
        new LedgerYear(
            2027,
            700 * M,
            150 * M,
            0,
            850 * M,
            0,
            0,
            0,
            0,
            0,
            50 * M,
            0,
            50 * M,
            50 * M,
            "ACCEPTED",
            0L,
            50 * M,
            List.of());
    var agreeing =
        new LedgerReconciliation(
            GRANT, "WPI", "WPI", "ACTIVE", true, 580 * M, 174 * M, List.of(fy2026, fy2027));
    assertThat(Reconciliation.compare(settled, agreeing).differences()).isZero();

    // the ledger has not settled (yet): the settlement and every final figure differ
    var unsettled =
        new LedgerReconciliation(
            GRANT,
            "WPI",
            "WPI",
            "ACTIVE",
            false,
            null,
            null,
            List.of(
                new LedgerYear(
                    2026,
                    700 * M,
                    0,
                    150 * M,
                    550 * M,
                    600 * M,
                    180 * M,
                    20 * M,
                    6 * M,
                    1 * M,
                    0,
                    50 * M,
                    530 * M,
                    530 * M,
                    "ACCEPTED",
                    0L,
                    null,
                    List.of()),
                new LedgerYear(
                    2027,
                    700 * M,
                    150 * M,
                    0,
                    850 * M,
                    0,
                    0,
                    0,
                    0,
                    0,
                    50 * M,
                    0,
                    50 * M,
                    50 * M,
                    "ACCEPTED",
                    0L,
                    null,
                    List.of())));
    GrantMoneyReconciliation result = Reconciliation.compare(settled, unsettled);
    assertThat(result.grantDifferences())
        .extracting(FigureDifference::figure)
        .containsExactly("SETTLED", "FINAL_AMOUNT", "FINAL_INDIRECT");
    assertThat(result.years())
        .allSatisfy(
            y ->
                assertThat(y.differences())
                    .extracting(FigureDifference::figure)
                    .containsExactly("FINAL"));
    assertThat(result.differences()).isEqualTo(5);
  }

  @Test
  void shouldReleaseTheUnspentAllocationOfAClosedGrantAsTheLedgerDoes() {
    List<Object> events = settledHistory();
    events.add(new GrantClosed(GRANT, "done", 580 * M));
    GrantView closed = replay(events);
    // closed: the ledger keeps as cap what each year holds
    var ledger =
        new LedgerReconciliation(
            GRANT,
            "WPI",
            "WPI",
            "CLOSED",
            true,
            580 * M,
            174 * M,
            List.of(
                new LedgerYear(
                    2026,
                    680 * M,
                    0,
                    150 * M,
                    530 * M,
                    600 * M,
                    180 * M,
                    20 * M,
                    6 * M,
                    1 * M,
                    0,
                    50 * M,
                    530 * M,
                    530 * M,
                    "ACCEPTED",
                    0L,
                    530 * M,
                    List.of()),
                new LedgerYear(
                    2027,
                    -100 * M,
                    150 * M,
                    0,
                    50 * M,
                    0,
                    0,
                    0,
                    0,
                    0,
                    50 * M,
                    0,
                    50 * M,
                    50 * M,
                    "ACCEPTED",
                    0L,
                    50 * M,
                    List.of())));
    assertThat(Reconciliation.compare(closed, ledger).differences()).isZero();
  }

  @Test
  void shouldReportAnAwardedGrantTheLedgerHasNoAccountFor() {
    GrantMoneyReconciliation result = Reconciliation.compare(replay(history()), null);
    assertThat(result.grantDifferences())
        .extracting(FigureDifference::figure)
        .containsExactly("GRANT");
    assertThat(result.ledgerSettled()).isNull();
    assertThat(result.years()).allSatisfy(y -> assertThat(y.inLedger()).isNull());
  }
}
