package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.GRANT;
import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.awardedHistory;
import static jp.grants.grant.command.GrantFixtures.with;
import static jp.grants.grant.command.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.grant.AnnualReportAccepted;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FundsCarriedOver;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.grant.command.Commands.CloseGrantCommand;
import jp.grants.grant.command.Commands.RecordAnnualReportAcceptedCommand;
import jp.grants.grant.command.Commands.RecordFundsCarriedOverCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.RecordFundsRefundedCommand;
import jp.grants.grant.command.Commands.RecordGrantSettledCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.GrantView.FiscalYearMoney;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ledger's carry-overs, refunds, accepted annual reports and settlement as the grant records
 * them, the rules that then work on the moved figures, and closure after settlement. A WPI grant:
 * 700,000,000 yen a year for ten years from FY2026.
 */
class GrantMoneyHistoryTest {
  private static final long YEAR = 700_000_000L;
  private static final long M = 1_000_000L;
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    fixture = GrantFixtures.fixture();
  }

  private static Object[] wpi(Object... more) {
    return with(awardedHistory("WPI"), more);
  }

  private static FundsDisbursed paid(int year, long yen) {
    return new FundsDisbursed(
        GRANT, UUID.randomUUID(), year, yen, ExpenseCategory.PERSONNEL, 3 * yen / 10);
  }

  private static RequestDisbursementCommand request(int year, long yen) {
    return new RequestDisbursementCommand(
        GRANT, null, UUID.randomUUID(), year, yen, ExpenseCategory.PERSONNEL, "x");
  }

  private static FundsCarriedOver carried(long yen, long paidMoved) {
    return new FundsCarriedOver(
        GRANT, UUID.randomUUID(), START, START + 1, yen, paidMoved, true, "delayed hiring");
  }

  private static GrantSettled settled(long finalYen) {
    return new GrantSettled(
        GRANT,
        UUID.randomUUID(),
        finalYen,
        3 * finalYen / 10,
        0,
        0,
        List.of(new FiscalYearAmount(START, finalYen)));
  }

  private static FiscalYearMoney year(Grant grant, int fiscalYear) {
    return grant.view(0).moneyByFiscalYear().get(fiscalYear);
  }

  @Nested
  class Payments {
    @Test
    void shouldRecordTheIndirectCostsPaidWithAPayment() {
      UUID id = UUID.randomUUID();
      fixture
          .given(wpi())
          .when(
              new RecordFundsDisbursedCommand(
                  GRANT, id, START, 100 * M, ExpenseCategory.PERSONNEL, 30 * M))
          .expectEvents(
              new FundsDisbursed(GRANT, id, START, 100 * M, ExpenseCategory.PERSONNEL, 30 * M))
          .expectState(
              grant -> {
                assertThat(year(grant, START).paidYen()).isEqualTo(100 * M);
                assertThat(year(grant, START).indirectCostYen()).isEqualTo(30 * M);
                assertThat(grant.view(0).indirectCostYen()).isEqualTo(30 * M);
              });
    }

    @Test
    void shouldNotPayOutOfASettledGrant() {
      fixture
          .given(wpi(paid(START, 5 * M), settled(5 * M)))
          .when(request(START, 1))
          .expectNoEvents()
          .expectException(refusedBy(CatalogRule.GRANT_SETTLED.code()));
    }
  }

  @Nested
  class CarryOvers {
    @Test
    void shouldMoveThePlansAllocationAndKeepTheTotal() {
      UUID id = UUID.randomUUID();
      fixture
          .given(wpi(paid(START, 600 * M)))
          .when(
              new RecordFundsCarriedOverCommand(
                  GRANT, id, START, START + 1, 100 * M, 0, true, "delayed hiring"))
          .expectEvents(
              new FundsCarriedOver(GRANT, id, START, START + 1, 100 * M, 0, true, "delayed hiring"))
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                assertThat(view.allocations())
                    .contains(
                        new FiscalYearAmount(START, 600 * M),
                        new FiscalYearAmount(START + 1, 800 * M));
                assertThat(FiscalYearAmount.total(view.allocations())).isEqualTo(10 * YEAR);
                assertThat(view.totalAwardedYen()).isEqualTo(10 * YEAR);
                FiscalYearMoney from = year(grant, START);
                assertThat(from.allocatedYen()).isEqualTo(YEAR);
                assertThat(from.carriedOutYen()).isEqualTo(100 * M);
                assertThat(from.capYen()).isEqualTo(600 * M);
                assertThat(from.heldYen()).isEqualTo(600 * M);
                FiscalYearMoney to = year(grant, START + 1);
                assertThat(to.allocatedYen()).isEqualTo(YEAR);
                assertThat(to.carriedInYen()).isEqualTo(100 * M);
                assertThat(to.capYen()).isEqualTo(800 * M);
              });
    }

    @Test
    void shouldCheckADisbursementAgainstTheMovedPlan() {
      Object[] history = wpi(paid(START, 600 * M), carried(100 * M, 0));
      fixture
          .given(history)
          .when(request(START + 1, 800 * M))
          .expectSuccessfulHandlerExecution()
          .expectEventsMatching(
              org.axonframework.test.matchers.Matchers.exactSequenceOf(
                  org.axonframework.test.matchers.Matchers.messageWithPayload(
                      org.hamcrest.Matchers.instanceOf(DisbursementRequested.class))));
      fixture
          .given(history)
          .when(request(START + 1, 800 * M + 1))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "by 1 yen"));
      fixture
          .given(history)
          .when(request(START, 1))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "600,000,000"));
    }

    @Test
    void shouldMoveThePaidMoneyThatWasCarriedOver() {
      // 700M paid in FY2026, 200M of it unspent and carried to FY2027: FY2026 holds 500M of a 500M
      // cap,
      // FY2027 holds 200M of a 900M cap and may pay 700M more.
      Object[] history = wpi(paid(START, YEAR), carried(200 * M, 200 * M));
      fixture
          .given(history)
          .when(request(START + 1, YEAR))
          .expectSuccessfulHandlerExecution()
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                assertThat(view.disbursementsByFiscalYear().get(START).disbursedYen())
                    .isEqualTo(500 * M);
                assertThat(view.disbursementsByFiscalYear().get(START + 1).disbursedYen())
                    .isEqualTo(200 * M);
                assertThat(view.disbursedYen()).isEqualTo(YEAR);
                FiscalYearMoney from = year(grant, START);
                assertThat(from.paidYen()).isEqualTo(YEAR);
                assertThat(from.paidCarriedOutYen()).isEqualTo(200 * M);
                assertThat(from.heldYen()).isEqualTo(500 * M);
                FiscalYearMoney to = year(grant, START + 1);
                assertThat(to.paidYen()).isZero();
                assertThat(to.paidCarriedInYen()).isEqualTo(200 * M);
                assertThat(to.heldYen()).isEqualTo(200 * M);
                assertThat(to.capYen()).isEqualTo(900 * M);
              });
      fixture
          .given(history)
          .when(request(START + 1, YEAR + 1))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "by 1 yen"));
      fixture
          .given(history)
          .when(request(START, 1))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code()));
    }

    @Test
    void shouldRecordACarryOverOnceWhateverTheGrantsStatus() {
      FundsCarriedOver carried = carried(100 * M, 0);
      var again =
          new RecordFundsCarriedOverCommand(
              GRANT, carried.carryOverId(), START, START + 1, 100 * M, 0, true, "delayed hiring");
      fixture
          .given(wpi(carried))
          .when(again)
          .expectNoEvents()
          .expectSuccessfulHandlerExecution()
          .expectState(grant -> assertThat(year(grant, START + 1).capYen()).isEqualTo(800 * M));
      fixture.given(wpi(new GrantClosed(GRANT, "closed"))).when(again).expectEvents(carried);
    }

    @Test
    void shouldKeepWhatWasCarriedIntoAYearWhenAStageGateReplacesItsAllocation() {
      Object[] core = awardedHistory("WPI-CORE");
      long annual =
          ((jp.grants.contracts.grant.GrantAwarded) core[2]).allocations().get(0).amountYen();
      FundsCarriedOver carried =
          new FundsCarriedOver(GRANT, UUID.randomUUID(), START, START + 1, 50 * M, 0, true, "x");
      fixture
          .given(
              with(
                  core,
                  carried,
                  GrantFixtures.followUp(START, 8, 90, 60, 20),
                  GrantFixtures.gateScheduled(START)))
          .when(new Commands.PassStageGateCommand(GRANT, null, null, GrantFixtures.REVIEW))
          .expectSuccessfulHandlerExecution()
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                assertThat(year(grant, START + 1).carriedInYen()).isEqualTo(50 * M);
                assertThat(year(grant, START + 1).capYen())
                    .isEqualTo(year(grant, START + 1).allocatedYen() + 50 * M);
                assertThat(FiscalYearAmount.total(view.allocations()))
                    .isEqualTo(view.totalAwardedYen());
                assertThat(year(grant, START).capYen()).isEqualTo(annual - 50 * M);
              });
    }
  }

  @Nested
  class Refunds {
    @Test
    void shouldShrinkTheYearsPaidSumAndFreeItsAllocation() {
      UUID id = UUID.randomUUID();
      Object[] history = wpi(paid(START, YEAR));
      fixture
          .given(history)
          .when(
              new RecordFundsRefundedCommand(
                  GRANT, id, START, 100 * M, 30 * M, 2 * M, RefundKind.ORDERED, "misuse"))
          .expectEvents(
              new FundsRefunded(
                  GRANT, id, START, 100 * M, 30 * M, 2 * M, RefundKind.ORDERED, "misuse"))
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                FiscalYearMoney y = year(grant, START);
                assertThat(y.paidYen()).isEqualTo(YEAR);
                assertThat(y.refundedYen()).isEqualTo(100 * M);
                assertThat(y.indirectRefundedYen()).isEqualTo(30 * M);
                assertThat(y.additionalChargeYen()).isEqualTo(2 * M);
                assertThat(y.heldYen()).isEqualTo(600 * M);
                assertThat(view.disbursementsByFiscalYear().get(START).disbursedYen())
                    .isEqualTo(600 * M);
                assertThat(view.disbursedYen()).isEqualTo(600 * M);
                assertThat(view.indirectCostYen()).isEqualTo(210 * M - 30 * M);
              });
      FundsRefunded refunded =
          new FundsRefunded(GRANT, id, START, 100 * M, 30 * M, 0, RefundKind.VOLUNTARY, null);
      fixture
          .given(with(history, refunded))
          .when(request(START, 100 * M))
          .expectSuccessfulHandlerExecution();
      fixture
          .given(with(history, refunded))
          .when(request(START, 100 * M + 1))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_YEAR_ALLOCATION.code(), "by 1 yen"));
    }

    @Test
    void shouldRecordARefundOnce() {
      UUID id = UUID.randomUUID();
      var command =
          new RecordFundsRefundedCommand(GRANT, id, START, 5 * M, 0, 0, RefundKind.VOLUNTARY, null);
      FundsRefunded refunded =
          new FundsRefunded(GRANT, id, START, 5 * M, 0, 0, RefundKind.VOLUNTARY, null);
      fixture
          .given(wpi(paid(START, 10 * M), refunded))
          .when(command)
          .expectNoEvents()
          .expectState(grant -> assertThat(year(grant, START).heldYen()).isEqualTo(5 * M));
    }

    /**
     * The window of remembered ids is bounded: the snapshot stays the same size
     * (GrantSnapshotSizeTest).
     */
    @Test
    void shouldRememberOnlyTheLastRefundsAndCarryOvers() {
      List<Object> history = new ArrayList<>(List.of(wpi(paid(START, YEAR))));
      FundsRefunded first =
          new FundsRefunded(GRANT, UUID.randomUUID(), START, 1, 0, 0, RefundKind.VOLUNTARY, null);
      history.add(first);
      for (int i = 0; i < Grant.RECENT_OPERATIONS_KEPT; i++) {
        history.add(
            new FundsRefunded(
                GRANT, UUID.randomUUID(), START, 1, 0, 0, RefundKind.VOLUNTARY, null));
      }
      var last = (FundsRefunded) history.get(history.size() - 1);
      fixture
          .given(history.toArray())
          .when(
              new RecordFundsRefundedCommand(
                  GRANT, last.refundId(), START, 1, 0, 0, RefundKind.VOLUNTARY, null))
          .expectNoEvents();
      fixture
          .given(history.toArray())
          .when(
              new RecordFundsRefundedCommand(
                  GRANT, first.refundId(), START, 1, 0, 0, RefundKind.VOLUNTARY, null))
          .expectEvents(first);
    }
  }

  @Nested
  class AnnualReports {
    private final List<CategoryAmount> spending =
        List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 650 * M));

    @Test
    void shouldRecordTheAcceptedReportOncePerYear() {
      UUID id = UUID.randomUUID();
      var command =
          new RecordAnnualReportAcceptedCommand(
              GRANT, id, START, spending, 650 * M, YEAR, 50 * M, 0);
      AnnualReportAccepted accepted =
          new AnnualReportAccepted(GRANT, id, START, spending, 650 * M, YEAR, 50 * M, 0);
      Object[] history = wpi(paid(START, YEAR));
      fixture
          .given(history)
          .when(command)
          .expectEvents(accepted)
          .expectState(
              grant -> {
                FiscalYearMoney y = year(grant, START);
                assertThat(y.reportedYen()).isEqualTo(650 * M);
                assertThat(y.unspentYen()).isEqualTo(50 * M);
                assertThat(y.annualReport())
                    .isEqualTo(new GrantView.AnnualReport(id, 650 * M, YEAR, 50 * M, 0));
                assertThat(year(grant, START + 1).reportedYen()).isNull();
              });
      fixture
          .given(with(history, accepted))
          .when(command)
          .expectNoEvents()
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldShowTheUnspentMoneyLeftOnceItIsRefundedAfterTheReport() {
      UUID id = UUID.randomUUID();
      fixture
          .given(
              wpi(
                  paid(START, YEAR),
                  new AnnualReportAccepted(GRANT, id, START, spending, 650 * M, YEAR, 50 * M, 0)))
          .when(
              new RecordFundsRefundedCommand(
                  GRANT,
                  UUID.randomUUID(),
                  START,
                  50 * M,
                  15 * M,
                  0,
                  RefundKind.VOLUNTARY,
                  "unspent"))
          .expectSuccessfulHandlerExecution()
          .expectState(
              grant -> {
                FiscalYearMoney y = year(grant, START);
                assertThat(y.unspentYen()).isZero();
                assertThat(y.annualReport().unspentYen()).isEqualTo(50 * M);
              });
    }
  }

  @Nested
  class Settlement {
    @Test
    void shouldRecordTheSettlementOnce() {
      UUID id = UUID.randomUUID();
      var finalByYear =
          List.of(new FiscalYearAmount(START + 1, 20 * M), new FiscalYearAmount(START, 80 * M));
      var command =
          new RecordGrantSettledCommand(GRANT, id, 100 * M, 30 * M, 5 * M, 0, finalByYear);
      GrantSettled settled =
          new GrantSettled(
              GRANT,
              id,
              100 * M,
              30 * M,
              5 * M,
              0,
              List.of(
                  new FiscalYearAmount(START, 80 * M), new FiscalYearAmount(START + 1, 20 * M)));
      Object[] history = wpi(paid(START, 85 * M), paid(START + 1, 20 * M));
      fixture
          .given(history)
          .when(command)
          .expectEvents(settled)
          .expectState(
              grant -> {
                GrantView view = grant.view(0);
                assertThat(view.settled()).isTrue();
                assertThat(view.settlement().finalAmountYen()).isEqualTo(100 * M);
                assertThat(view.settlement().finalIndirectCostYen()).isEqualTo(30 * M);
                assertThat(year(grant, START).finalYen()).isEqualTo(80 * M);
                assertThat(year(grant, START + 1).finalYen()).isEqualTo(20 * M);
                assertThat(year(grant, START + 2).finalYen()).isNull();
              });
      fixture
          .given(with(history, settled))
          .when(command)
          .expectNoEvents()
          .expectSuccessfulHandlerExecution();
    }
  }

  @Nested
  class Closure {
    @Test
    void shouldRefuseToCloseAGrantThatWasPaidAndIsNotSettled() {
      fixture
          .given(wpi(paid(START, 5 * M)))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_UNSETTLED.code(), "5,000,000"));
    }

    @Test
    void shouldRefuseToCloseAGrantWhoseMoneyCameAllBackButWasNeverSettled() {
      fixture
          .given(
              wpi(
                  paid(START, 5 * M),
                  new FundsRefunded(
                      GRANT, UUID.randomUUID(), START, 5 * M, 0, 0, RefundKind.VOLUNTARY, null)))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_UNSETTLED.code()));
    }

    @Test
    void shouldRefuseToCloseWhileADisbursementIsOpen() {
      UUID open = UUID.randomUUID();
      fixture
          .given(
              wpi(
                  new DisbursementRequested(
                      GRANT, open, "WPI", START, 5, ExpenseCategory.TRAVEL, "x")))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_UNSETTLED.code(), "not answered"));
      fixture
          .given(
              wpi(
                  paid(START, 5 * M),
                  settled(5 * M),
                  new DisbursementRequested(
                      GRANT, open, "WPI", START, 5, ExpenseCategory.TRAVEL, "x")))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectNoEvents()
          .expectException(refusedBy(GrantRule.GRANT_UNSETTLED.code(), "not answered"));
    }

    @Test
    void shouldCloseASettledGrantWithItsFinalAmount() {
      fixture
          .given(wpi(paid(START, 5 * M), settled(4 * M)))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectEvents(new GrantClosed(GRANT, "done", 4 * M));
    }

    @Test
    void shouldCloseAGrantThatWasNeverPaidWithoutAFinalAmount() {
      UUID refused = UUID.randomUUID();
      fixture
          .given(
              wpi(
                  new DisbursementRequested(
                      GRANT, refused, "WPI", START, 5, ExpenseCategory.TRAVEL, "x"),
                  new jp.grants.contracts.grant.DisbursementRejected(
                      GRANT,
                      refused,
                      START,
                      5,
                      "LEDGER-CAP-GRANT-TOTAL",
                      jp.grants.contracts.CapLevel.GRANT_TOTAL,
                      0,
                      "over")))
          .when(new CloseGrantCommand(GRANT, null, "done"))
          .expectEvents(new GrantClosed(GRANT, "done", null));
    }
  }
}
