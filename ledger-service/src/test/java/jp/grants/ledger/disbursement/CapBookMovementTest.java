package jp.grants.ledger.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.RefundKind;
import jp.grants.ledger.disbursement.domain.CapBook;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Funds, indirect costs, carry-overs and refunds decided in memory, every rule, in order within a
 * batch.
 */
class CapBookMovementTest {
  private static final ProgramCatalog CATALOG = ProgramCatalog.load();
  private static final Program ASPIRE = CATALOG.require("ASPIRE");
  private static final Program NEXUS = CATALOG.require("NEXUS");
  private static final Program WPI = CATALOG.require("WPI");
  private static final Program ILR = CATALOG.require("KAKENHI-ILR");
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID N = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  private static CapBook.Grant grant(
      UUID id,
      String program,
      String pool,
      GrantStatus status,
      Integer last,
      long totalCap,
      long disbursed,
      boolean settled) {
    return new CapBook.Grant(
        id,
        program,
        pool,
        new GrantTerms(
            id, program, status, 2025, 2028, last, EnumSet.noneOf(ExpenseCategory.class)),
        totalCap,
        disbursed,
        settled);
  }

  private static CapBook.YearFigures year(long cap, long held) {
    return new CapBook.YearFigures(cap, held, 0, 0, null);
  }

  /** An ASPIRE and a NEXUS grant drawing on the ASPIRE fund. */
  private static CapBook fundBook(long fundTotal, long fundDisbursed) {
    return new CapBook(
        Map.of(
            A,
            grant(A, "ASPIRE", "ASPIRE", GrantStatus.ACTIVE, null, 100_000, 0, false),
            N,
            grant(N, "NEXUS", "ASPIRE", GrantStatus.ACTIVE, null, 100_000, 0, false)),
        Map.of(
            new CapBook.GrantYear(A, 2026),
            year(50_000, 0),
            new CapBook.GrantYear(N, 2026),
            year(50_000, 0),
            new CapBook.GrantYear(A, 2027),
            year(50_000, 0),
            new CapBook.GrantYear(A, 2040),
            year(50_000, 0)),
        Map.of(),
        Map.of("ASPIRE", new CapBook.Fund(fundTotal, fundDisbursed, 2022, 2034)),
        Set.of("ASPIRE"),
        Map.of());
  }

  @Test
  void shouldDrawTwoProgramsOnOneFundWithTheirIndirectCostsAndRefuseByTheFund() {
    CapBook book = fundBook(30_000, 4_000);

    var a = (CapBook.Accepted) book.decide(A, ASPIRE, 2026, 10_000, ExpenseCategory.PERSONNEL);
    var n = (CapBook.Accepted) book.decide(N, NEXUS, 2026, 10_000, ExpenseCategory.PERSONNEL);
    var refused = (CapBook.Refused) book.decide(A, ASPIRE, 2026, 1_000, ExpenseCategory.PERSONNEL);

    assertThat(a.indirectYen()).isEqualTo(3_000);
    assertThat(a.programYearHeadroomYen()).isEqualTo(13_000);
    assertThat(n.programYearHeadroomYen()).isZero();
    assertThat(refused.refusal().rule().code()).isEqualTo(LedgerRule.CAP_PROGRAM_FUND.code());
    assertThat(refused.refusal().capLevel()).isEqualTo(CapLevel.PROGRAM_FISCAL_YEAR);
    assertThat(refused.refusal().headroomYen()).isZero();
    assertThat(book.fundTaken()).containsExactly(Map.entry("ASPIRE", 26_000L));
    // The grants' caps take the direct amounts only.
    assertThat(book.grantTotals()).containsOnly(Map.entry(A, 10_000L), Map.entry(N, 10_000L));
    assertThat(book.poolYears()).isEmpty();
  }

  @Test
  void shouldRefuseAYearTheFundDoesNotCoverAndAFundPoolWithoutItsRow() {
    CapBook.Grant late =
        new CapBook.Grant(
            A,
            "ASPIRE",
            "ASPIRE",
            new GrantTerms(
                A,
                "ASPIRE",
                GrantStatus.ACTIVE,
                2033,
                2036,
                null,
                EnumSet.noneOf(ExpenseCategory.class)),
            100_000,
            0,
            false);
    CapBook book =
        new CapBook(
            Map.of(A, late),
            Map.of(new CapBook.GrantYear(A, 2035), year(50_000, 0)),
            Map.of(),
            Map.of("ASPIRE", new CapBook.Fund(1_000_000, 0, 2022, 2034)),
            Set.of("ASPIRE"),
            Map.of());
    var outside = (CapBook.Refused) book.decide(A, ASPIRE, 2035, 1, ExpenseCategory.PERSONNEL);
    assertThat(outside.refusal().rule().code()).isEqualTo(LedgerRule.CAP_PROGRAM_FUND.code());
    assertThat(outside.refusal().reason()).contains("FY2022 to FY2034");

    CapBook noFund =
        new CapBook(
            Map.of(A, grant(A, "ASPIRE", "ASPIRE", GrantStatus.ACTIVE, null, 100_000, 0, false)),
            Map.of(new CapBook.GrantYear(A, 2026), year(50_000, 0)),
            Map.of(),
            Map.of(),
            Set.of("ASPIRE"),
            Map.of());
    var missing = (CapBook.Refused) noFund.decide(A, ASPIRE, 2026, 1, ExpenseCategory.PERSONNEL);
    assertThat(missing.refusal().rule().code()).isEqualTo(LedgerRule.CAP_PROGRAM_FUND.code());
  }

  @Test
  void shouldRefuseEveryOperationOnASettledGrant() {
    CapBook book =
        new CapBook(
            Map.of(A, grant(A, "WPI", "WPI", GrantStatus.CLOSED, null, 100_000, 0, true)),
            Map.of(
                new CapBook.GrantYear(A, 2025),
                year(50_000, 10_000),
                new CapBook.GrantYear(A, 2026),
                year(0, 0)),
            Map.of(),
            Map.of(),
            Set.of(),
            Map.of());

    assertThat(rule(book.decide(A, WPI, 2025, 1, ExpenseCategory.PERSONNEL)))
        .isEqualTo(CatalogRule.GRANT_SETTLED.code());
    assertThat(rule(book.carryOver(A, true, 2025, 1, Roles.PROGRAM_OFFICER, "r", TODAY)))
        .isEqualTo(CatalogRule.GRANT_SETTLED.code());
    assertThat(rule(book.refund(A, WPI, 2025, 1, RefundKind.VOLUNTARY, Roles.FINANCE, null, TODAY)))
        .isEqualTo(CatalogRule.GRANT_SETTLED.code());
    assertThat(CatalogRule.GRANT_SETTLED.kind().status()).isEqualTo(409);
  }

  private static String rule(CapBook.Decision decision) {
    return decision instanceof CapBook.Refused r
        ? r.refusal().rule().code()
        : decision.getClass().getSimpleName();
  }

  // ---- carry-overs

  /**
   * A WPI grant: FY2025 allocation 10,000 with 6,000 paid; the pool's FY2025 budget and FY2026
   * budget.
   */
  private static CapBook wpiBook(Long reported, GrantStatus status, Integer last) {
    Map<CapBook.GrantYear, CapBook.YearFigures> years = new HashMap<>();
    years.put(
        new CapBook.GrantYear(A, 2025), new CapBook.YearFigures(10_000, 6_000, 1_800, 0, reported));
    years.put(new CapBook.GrantYear(A, 2026), year(10_000, 0));
    years.put(new CapBook.GrantYear(A, 2028), year(10_000, 0));
    return new CapBook(
        Map.of(A, grant(A, "WPI", "WPI", status, last, 40_000, 6_000, false)),
        years,
        Map.of(
            new CapBook.PoolYear("WPI", 2025),
            new CapBook.Cap(100_000, 7_800),
            new CapBook.PoolYear("WPI", 2026),
            new CapBook.Cap(100_000, 0)),
        Map.of(),
        Set.of(),
        Map.of());
  }

  @Test
  void shouldCarryTheUnpaidAllocationFirstThenPaidMoneyAndMoveAYearlyPoolsBudgetAlike() {
    CapBook book = wpiBook(null, GrantStatus.ACTIVE, null);

    var carried =
        (CapBook.CarriedOver)
            book.carryOver(A, true, 2025, 5_000, Roles.PROGRAM_OFFICER, "delay", TODAY);

    assertThat(carried.amountYen()).isEqualTo(5_000);
    assertThat(carried.paidMovedYen()).isEqualTo(1_000);
    assertThat(carried.approved()).isTrue();
    CapBook.YearDelta from = book.yearDeltas().get(new CapBook.GrantYear(A, 2025));
    CapBook.YearDelta to = book.yearDeltas().get(new CapBook.GrantYear(A, 2026));
    assertThat(new long[] {from.cap, from.held, from.carriedOut, from.paidCarriedOut})
        .containsExactly(-5_000, -1_000, 5_000, 1_000);
    assertThat(new long[] {to.cap, to.held, to.carriedIn, to.paidCarriedIn})
        .containsExactly(5_000, 1_000, 5_000, 1_000);
    CapBook.PoolDelta poolFrom = book.poolDeltas().get(new CapBook.PoolYear("WPI", 2025));
    CapBook.PoolDelta poolTo = book.poolDeltas().get(new CapBook.PoolYear("WPI", 2026));
    assertThat(new long[] {poolFrom.budget, poolFrom.disbursed, poolTo.budget, poolTo.disbursed})
        .containsExactly(-5_000, -1_000, 5_000, 1_000);
    // The total cap never changes.
    assertThat(book.grantTotals()).isEmpty();
    // What is left: 5,000 of FY2025 held; no more than that can move.
    var more =
        (CapBook.Refused)
            book.carryOver(A, true, 2025, 5_001, Roles.PROGRAM_OFFICER, "delay", TODAY);
    assertThat(more.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT.code());
    assertThat(more.refusal().headroomYen()).isEqualTo(5_000);
  }

  @Test
  void shouldMoveOnlyUnspentPaidMoneyAfterTheYearsReport() {
    CapBook book = wpiBook(5_500L, GrantStatus.ACTIVE, null);

    var tooMuch =
        (CapBook.Refused) book.carryOver(A, true, 2025, 4_501, Roles.PROGRAM_OFFICER, "r", TODAY);
    var carried =
        (CapBook.CarriedOver)
            book.carryOver(A, true, 2025, 4_500, Roles.PROGRAM_OFFICER, "r", TODAY);

    assertThat(tooMuch.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT.code());
    assertThat(tooMuch.refusal().headroomYen()).isEqualTo(4_500);
    assertThat(carried.paidMovedYen()).isEqualTo(500);
  }

  @Test
  void shouldNeedAProgramOfficerAndAReasonForAYearlyPoolButNotForAFund() {
    CapBook book = wpiBook(null, GrantStatus.ACTIVE, null);
    var finance = (CapBook.Refused) book.carryOver(A, true, 2025, 1, Roles.FINANCE, "r", TODAY);
    var noReason =
        (CapBook.Refused) book.carryOver(A, true, 2025, 1, Roles.PROGRAM_OFFICER, " ", TODAY);
    assertThat(finance.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_APPROVAL_REQUIRED.code());
    assertThat(noReason.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_APPROVAL_REQUIRED.code());
    assertThat(LedgerRule.CARRY_OVER_APPROVAL_REQUIRED.kind().status()).isEqualTo(403);

    CapBook fund = fundBook(1_000_000, 0);
    var applicant =
        (CapBook.CarriedOver) fund.carryOver(A, false, 2026, 20_000, Roles.APPLICANT, null, TODAY);
    assertThat(applicant.approved()).isFalse();
    assertThat(applicant.paidMovedYen()).isZero();
    assertThat(fund.fundTaken()).isEmpty();
    assertThat(fund.poolDeltas()).isEmpty();
  }

  @Test
  void shouldRefuseACarryOverBeforeTheFirstOfJanuaryAndPastTheGrantsLastYear() {
    CapBook book = wpiBook(null, GrantStatus.ACTIVE, null);
    var early =
        (CapBook.Refused)
            book.carryOver(
                A, true, 2025, 1, Roles.PROGRAM_OFFICER, "r", LocalDate.of(2025, 12, 31));
    assertThat(early.refusal().rule().code()).isEqualTo(LedgerRule.CARRY_OVER_TOO_EARLY.code());
    assertThat(
            book.carryOver(A, true, 2025, 1, Roles.PROGRAM_OFFICER, "r", LocalDate.of(2026, 1, 1)))
        .isInstanceOf(CapBook.CarriedOver.class);

    var past =
        (CapBook.Refused)
            book.carryOver(A, true, 2028, 1, Roles.PROGRAM_OFFICER, "r", LocalDate.of(2030, 1, 1));
    assertThat(past.refusal().rule().code()).isEqualTo(LedgerRule.CARRY_OVER_PAST_LAST_YEAR.code());
    CapBook terminated = wpiBook(null, GrantStatus.TERMINATED, 2025);
    var afterTermination =
        (CapBook.Refused) terminated.carryOver(A, true, 2025, 1, Roles.PROGRAM_OFFICER, "r", TODAY);
    assertThat(afterTermination.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_PAST_LAST_YEAR.code());
    assertThat(LedgerRule.CARRY_OVER_PAST_LAST_YEAR.kind().status()).isEqualTo(422);
  }

  @Test
  void shouldNotMoveMoreUnpaidAllocationThanTheYearlyPoolHasLeft() {
    CapBook book =
        new CapBook(
            Map.of(A, grant(A, "WPI", "WPI", GrantStatus.ACTIVE, null, 40_000, 0, false)),
            Map.of(
                new CapBook.GrantYear(A, 2025),
                year(10_000, 0),
                new CapBook.GrantYear(A, 2026),
                year(0, 0)),
            Map.of(
                new CapBook.PoolYear("WPI", 2025),
                new CapBook.Cap(5_000, 1_000),
                new CapBook.PoolYear("WPI", 2026),
                new CapBook.Cap(0, 0)),
            Map.of(),
            Set.of(),
            Map.of());
    var refused =
        (CapBook.Refused) book.carryOver(A, true, 2025, 4_001, Roles.PROGRAM_OFFICER, "r", TODAY);
    assertThat(refused.refusal().rule().code())
        .isEqualTo(LedgerRule.CARRY_OVER_EXCEEDS_UNSPENT.code());
    assertThat(refused.refusal().headroomYen()).isEqualTo(4_000);
  }

  // ---- refunds

  @Test
  void shouldReturnPaidMoneyWithItsIndirectCostsAtEveryLevel() {
    CapBook book = wpiBook(null, GrantStatus.ACTIVE, null);

    var refunded =
        (CapBook.Refunded)
            book.refund(A, WPI, 2025, 2_000, RefundKind.VOLUNTARY, Roles.APPLICANT, null, TODAY);

    assertThat(refunded.indirectYen()).isEqualTo(600);
    assertThat(refunded.chargeYen()).isZero();
    CapBook.YearDelta d = book.yearDeltas().get(new CapBook.GrantYear(A, 2025));
    assertThat(new long[] {d.held, d.refunded, d.indirectRefunded})
        .containsExactly(-2_000, 2_000, 600);
    assertThat(book.grantTotals()).containsExactly(Map.entry(A, -2_000L));
    assertThat(book.poolYears())
        .containsExactly(Map.entry(new CapBook.PoolYear("WPI", 2025), -2_600L));
    // The headroom is back: the year can pay 6,000 now (10,000 - 4,000).
    assertThat(book.decide(A, WPI, 2025, 6_000, ExpenseCategory.PERSONNEL))
        .isInstanceOf(CapBook.Accepted.class);
    var over =
        (CapBook.Refused)
            book.refund(A, WPI, 2025, 10_001, RefundKind.VOLUNTARY, Roles.FINANCE, null, TODAY);
    assertThat(over.refusal().rule().code()).isEqualTo(LedgerRule.REFUND_EXCEEDS_PAID.code());
    assertThat(over.refusal().headroomYen()).isEqualTo(10_000);
  }

  @Test
  void shouldLetOnlyAProgramOfficerOrderAReturnWithAReasonAndOnlyTheRecipientReturnMoney() {
    CapBook book = wpiBook(null, GrantStatus.ACTIVE, null);
    assertThat(rule(book.refund(A, WPI, 2025, 1, RefundKind.ORDERED, Roles.FINANCE, "r", TODAY)))
        .isEqualTo(LedgerRule.REFUND_ORDER_REQUIRES_PROGRAM_OFFICER.code());
    assertThat(
            rule(
                book.refund(
                    A, WPI, 2025, 1, RefundKind.ORDERED, Roles.PROGRAM_OFFICER, null, TODAY)))
        .isEqualTo(LedgerRule.REFUND_REASON_REQUIRED.code());
    assertThat(
            rule(
                book.refund(
                    A, WPI, 2025, 1, RefundKind.VOLUNTARY, Roles.PROGRAM_OFFICER, null, TODAY)))
        .isEqualTo(LedgerRule.REFUND_VOLUNTARY_BY_RECIPIENT.code());
    assertThat(rule(book.refund(A, WPI, 2030, 1, RefundKind.VOLUNTARY, Roles.FINANCE, null, TODAY)))
        .isEqualTo(CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT.code());
    assertThat(LedgerRule.REFUND_ORDER_REQUIRES_PROGRAM_OFFICER.kind().status()).isEqualTo(403);
    assertThat(LedgerRule.REFUND_REASON_REQUIRED.kind().status()).isEqualTo(422);
    assertThat(LedgerRule.REFUND_EXCEEDS_PAID.kind().status()).isEqualTo(409);
  }

  @Test
  void shouldChargeAnOrderedReturnOverThePaymentsLatestFirstAfterWhatWasReturnedBefore() {
    UUID early = UUID.randomUUID();
    UUID late = UUID.randomUUID();
    LocalDate refundDay = LocalDate.of(2026, 4, 1);
    // KAKENHI-ILR: a subsidy, 10.95 % a year. Payments of 1,000,000 on 2025-05-01 and 2025-10-01
    // (latest first).
    CapBook book =
        new CapBook(
            Map.of(
                A,
                grant(
                    A,
                    "KAKENHI-ILR",
                    "KAKENHI-ILR",
                    GrantStatus.ACTIVE,
                    null,
                    5_000_000,
                    2_000_000,
                    false)),
            Map.of(
                new CapBook.GrantYear(A, 2025),
                new CapBook.YearFigures(3_000_000, 2_000_000, 600_000, 0, null)),
            Map.of(),
            Map.of("KAKENHI-ILR", new CapBook.Fund(10_000_000, 2_600_000, 2022, 2035)),
            Set.of("KAKENHI-ILR"),
            Map.of(
                new CapBook.GrantYear(A, 2025),
                List.of(
                    new CapBook.Payment(late, LocalDate.of(2025, 10, 1), 1_000_000),
                    new CapBook.Payment(early, LocalDate.of(2025, 5, 1), 1_000_000))));

    // A voluntary return of 300,000 first: no charge, but it takes the latest payment's first
    // 300,000.
    var voluntary =
        (CapBook.Refunded)
            book.refund(
                A, ILR, 2025, 300_000, RefundKind.VOLUNTARY, Roles.FINANCE, null, refundDay);
    var ordered =
        (CapBook.Refunded)
            book.refund(
                A,
                ILR,
                2025,
                1_000_000,
                RefundKind.ORDERED,
                Roles.PROGRAM_OFFICER,
                "misuse",
                refundDay);

    assertThat(voluntary.chargeYen()).isZero();
    // 700,000 counted as received on 2025-10-01 (182 days), 300,000 on 2025-05-01 (335 days), each
    // rounded down.
    assertThat(ordered.chargeDetail())
        .containsExactly(
            new CapBook.ChargePart(
                late, LocalDate.of(2025, 10, 1), 700_000, 182, 700_000L * 1095 * 182 / 3_650_000),
            new CapBook.ChargePart(
                early, LocalDate.of(2025, 5, 1), 300_000, 335, 300_000L * 1095 * 335 / 3_650_000));
    assertThat(ordered.chargeYen()).isEqualTo(38_220 + 30_150);
    assertThat(ordered.indirectYen()).isEqualTo(300_000);
    assertThat(book.yearDeltas().get(new CapBook.GrantYear(A, 2025)).charge).isEqualTo(68_370);
    assertThat(book.fundTaken())
        .containsExactly(Map.entry("KAKENHI-ILR", -(300_000L + 90_000 + 1_000_000 + 300_000)));
    // A JST contract (ASPIRE) has no additional charge.
    CapBook fund = fundBook(1_000_000, 0);
    fund.decide(A, ASPIRE, 2026, 10_000, ExpenseCategory.PERSONNEL);
    var contract =
        (CapBook.Refunded)
            fund.refund(
                A, ASPIRE, 2026, 10_000, RefundKind.ORDERED, Roles.PROGRAM_OFFICER, "r", refundDay);
    assertThat(contract.chargeYen()).isZero();
    assertThat(contract.indirectYen()).isEqualTo(3_000);
  }

  @Test
  void shouldNotReturnMoreIndirectCostsThanTheYearHolds() {
    CapBook book =
        new CapBook(
            Map.of(A, grant(A, "WPI", "WPI", GrantStatus.ACTIVE, null, 40_000, 1_000, false)),
            Map.of(
                new CapBook.GrantYear(A, 2025),
                new CapBook.YearFigures(10_000, 1_000, 100, 0, null)),
            Map.of(new CapBook.PoolYear("WPI", 2025), new CapBook.Cap(100_000, 1_100)),
            Map.of(),
            Set.of(),
            Map.of());
    var refunded =
        (CapBook.Refunded)
            book.refund(A, WPI, 2025, 1_000, RefundKind.VOLUNTARY, Roles.FINANCE, null, TODAY);
    assertThat(refunded.indirectYen()).isEqualTo(100);
  }
}
