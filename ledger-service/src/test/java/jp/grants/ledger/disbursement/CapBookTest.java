package jp.grants.ledger.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.domain.CapBook;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.rule.LedgerRule;
import org.junit.jupiter.api.Test;

/**
 * A batch's decisions, in order, against the caps as locked: each sees what the ones before it
 * took.
 */
class CapBookTest {
  private static final Program WPI = ProgramCatalog.load().require("WPI");
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private static CapBook.Grant grant(UUID id, long totalCap, long disbursed) {
    return new CapBook.Grant(
        id,
        "WPI",
        "WPI",
        new GrantTerms(
            id, "WPI", GrantStatus.ACTIVE, 2025, 2034, null, EnumSet.noneOf(ExpenseCategory.class)),
        totalCap,
        disbursed);
  }

  private static CapBook book(long poolBudget, long poolDisbursed) {
    return new CapBook(
        Map.of(A, grant(A, 10_000, 1_000), B, grant(B, 100_000, 0)),
        Map.of(
            new CapBook.GrantYear(A, 2025),
            new CapBook.Cap(5_000, 1_000),
            new CapBook.GrantYear(B, 2025),
            new CapBook.Cap(100_000, 0)),
        Map.of(new CapBook.PoolYear("WPI", 2025), new CapBook.Cap(poolBudget, poolDisbursed)));
  }

  @Test
  void shouldTakeEachAcceptanceFromAllThreeCapsAndSeeItInTheNextDecision() {
    CapBook book = book(1_000_000, 0);

    var first = (CapBook.Accepted) book.decide(A, WPI, 2025, 3_000, ExpenseCategory.PERSONNEL);
    var second = book.decide(A, WPI, 2025, 1_500, ExpenseCategory.PERSONNEL);
    var third = (CapBook.Accepted) book.decide(A, WPI, 2025, 1_000, ExpenseCategory.PERSONNEL);

    assertThat(first.grantYearHeadroomYen()).isEqualTo(1_000);
    assertThat(first.grantTotalHeadroomYen()).isEqualTo(6_000);
    // The pool pays the direct amount and WPI's 30 % indirect costs on top: 3,000 + 900.
    assertThat(first.indirectYen()).isEqualTo(900);
    assertThat(first.programYearHeadroomYen()).isEqualTo(996_100);
    assertThat(second)
        .isInstanceOfSatisfying(
            CapBook.Refused.class,
            r -> {
              assertThat(r.refusal().capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
              assertThat(r.refusal().headroomYen()).isEqualTo(1_000);
            });
    assertThat(third.grantYearHeadroomYen()).isZero();
    assertThat(third.programYearHeadroomYen()).isEqualTo(994_800);
    // One update per cap row: the sums the batch took.
    assertThat(book.grantTotals()).containsExactly(Map.entry(A, 4_000L));
    assertThat(book.grantYears())
        .containsExactly(Map.entry(new CapBook.GrantYear(A, 2025), 4_000L));
    assertThat(book.poolYears())
        .containsExactly(Map.entry(new CapBook.PoolYear("WPI", 2025), 5_200L));
    assertThat(book.grantIndirect()).containsExactly(Map.entry(A, 1_200L));
  }

  @Test
  void shouldRefuseByThePoolsBudgetOnceTheGrantsOfTheBatchHaveUsedIt() {
    CapBook book = book(10_000, 4_000);

    // 4,000 direct + 1,200 indirect of the 6,000 left.
    assertThat(book.decide(B, WPI, 2025, 4_000, ExpenseCategory.PERSONNEL))
        .isInstanceOf(CapBook.Accepted.class);
    // 700 + 210 = 910 > 800: the indirect costs count against the pool.
    var refused = book.decide(A, WPI, 2025, 700, ExpenseCategory.PERSONNEL);

    assertThat(refused)
        .isInstanceOfSatisfying(
            CapBook.Refused.class,
            r -> {
              assertThat(r.refusal().rule().code())
                  .isEqualTo(LedgerRule.CAP_PROGRAM_FISCAL_YEAR.code());
              assertThat(r.refusal().headroomYen()).isEqualTo(800);
            });
    assertThat(book.grantTotals()).containsOnlyKeys(B);
  }

  @Test
  void shouldCheckTheTotalCapFirstThenTheYearThenThePool() {
    CapBook book = book(0, 0);

    var overTotal = (CapBook.Refused) book.decide(A, WPI, 2025, 9_001, ExpenseCategory.PERSONNEL);
    var overYear = (CapBook.Refused) book.decide(A, WPI, 2025, 4_001, ExpenseCategory.PERSONNEL);
    var overPool = (CapBook.Refused) book.decide(A, WPI, 2025, 1, ExpenseCategory.PERSONNEL);

    assertThat(overTotal.refusal().capLevel()).isEqualTo(CapLevel.GRANT_TOTAL);
    assertThat(overYear.refusal().capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
    assertThat(overPool.refusal().capLevel()).isEqualTo(CapLevel.PROGRAM_FISCAL_YEAR);
    assertThat(book.grantTotals()).isEmpty();
  }

  @Test
  void shouldRefuseAYearWithoutAllocationAndAPoolWithoutBudget() {
    CapBook book = new CapBook(Map.of(A, grant(A, 10_000, 0)), Map.of(), Map.of());

    var noYear = (CapBook.Refused) book.decide(A, WPI, 2026, 1, ExpenseCategory.PERSONNEL);

    assertThat(noYear.refusal().capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
    assertThat(noYear.refusal().headroomYen()).isZero();
    CapBook noPool =
        new CapBook(
            Map.of(A, grant(A, 10_000, 0)),
            Map.of(new CapBook.GrantYear(A, 2026), new CapBook.Cap(10_000, 0)),
            Map.of());
    var refused = (CapBook.Refused) noPool.decide(A, WPI, 2026, 1, ExpenseCategory.PERSONNEL);
    assertThat(refused.refusal().capLevel()).isEqualTo(CapLevel.PROGRAM_FISCAL_YEAR);
    assertThat(refused.refusal().reason()).contains("no budget");
  }

  @Test
  void shouldApplyTheGrantsTermsBeforeAnyCapAndKnowNothingOfAnUnknownGrant() {
    CapBook book = book(1_000_000, 0);

    var research = (CapBook.Refused) book.decide(A, WPI, 2025, 1, ExpenseCategory.RESEARCH_PROJECT);
    var outside = (CapBook.Refused) book.decide(A, WPI, 2040, 1, ExpenseCategory.PERSONNEL);

    assertThat(research.refusal().rule().code()).isEqualTo(CatalogRule.EXPENSE_ELIGIBLE.code());
    assertThat(outside.refusal().rule().code())
        .isEqualTo(CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT.code());
    assertThat(book.decide(UUID.randomUUID(), null, 2025, 1, ExpenseCategory.PERSONNEL))
        .isInstanceOf(CapBook.UnknownGrant.class);
  }
}
