package jp.grants.ledger.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.rule.Rule;
import jp.grants.ledger.disbursement.domain.Refusal;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.rule.LedgerRule;
import org.junit.jupiter.api.Test;

/** Every refusal names its rule and, for a cap, the cap, the amount asked and what was left. */
class RefusalTest {
  private static final UUID GRANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

  @Test
  void shouldNameTheGrantYearCapWithTheAmountsInYen() {
    Refusal refusal =
        Refusal.capExceeded(
            CapLevel.GRANT_FISCAL_YEAR, GRANT, "WPI", 2025, 30_000_000L, 20_000_000L, false);

    assertThat(refusal.rule().code()).isEqualTo("LEDGER-CAP-GRANT-FISCAL-YEAR");
    assertThat(refusal.capLevel()).isEqualTo(CapLevel.GRANT_FISCAL_YEAR);
    assertThat(refusal.requestedYen()).isEqualTo(30_000_000L);
    assertThat(refusal.headroomYen()).isEqualTo(20_000_000L);
    assertThat(refusal.reason())
        .isEqualTo(
            "grant "
                + GRANT
                + " has 20,000,000 yen left of its FY2025 allocation; 30,000,000 yen asked");
  }

  @Test
  void shouldNameTheGrantTotalCap() {
    Refusal refusal =
        Refusal.capExceeded(CapLevel.GRANT_TOTAL, GRANT, "KAKENHI-ILR", 2030, 2L, 1L, false);

    assertThat(refusal.rule().code()).isEqualTo("LEDGER-CAP-GRANT-TOTAL");
    assertThat(refusal.reason()).contains("1 yen left of its total award; 2 yen asked");
  }

  @Test
  void shouldNameTheProgramCapAndSayWhenThereIsNoBudgetAtAll() {
    Refusal left =
        Refusal.capExceeded(CapLevel.PROGRAM_FISCAL_YEAR, GRANT, "WPI", 2025, 9L, 4L, false);
    Refusal none =
        Refusal.capExceeded(CapLevel.PROGRAM_FISCAL_YEAR, GRANT, "WPI", 2023, 9L, 0L, true);

    assertThat(left.rule().code()).isEqualTo("LEDGER-CAP-PROGRAM-FISCAL-YEAR");
    assertThat(left.reason()).contains("budget pool WPI has 4 yen left of its FY2025 budget");
    assertThat(none.reason()).contains("budget pool WPI has no budget for FY2023");
    assertThat(none.headroomYen()).isZero();
  }

  @Test
  void shouldNameTheRuleButNoCapForOtherRefusals() {
    Refusal ineligible =
        Refusal.ineligible(
            "WPI", ExpenseCategory.RESEARCH_PROJECT, List.of(ExpenseCategory.PERSONNEL), 5L);
    Refusal closed = Refusal.notActive(GRANT, GrantStatus.CLOSED, null, 2025, 5L);
    Refusal terminated = Refusal.notActive(GRANT, GrantStatus.TERMINATED, 2026, 2027, 5L);

    assertThat(ineligible.rule().code()).isEqualTo("EXPENSE-ELIGIBLE");
    assertThat(ineligible.capLevel()).isNull();
    assertThat(ineligible.reason())
        .isEqualTo("WPI does not fund RESEARCH_PROJECT (eligible: [PERSONNEL])");
    assertThat(closed.reason()).contains("is closed");
    assertThat(terminated.reason()).contains("terminated after FY2026").contains("FY2027");
  }

  @Test
  void shouldTreatCapsAndGrantStatusAsConflictsAndProgramRulesAsUnprocessable() {
    assertThat(LedgerRule.CAP_GRANT_FISCAL_YEAR.kind()).isEqualTo(Rule.Kind.CONFLICT);
    assertThat(LedgerRule.CAP_GRANT_TOTAL.kind()).isEqualTo(Rule.Kind.CONFLICT);
    assertThat(LedgerRule.CAP_PROGRAM_FISCAL_YEAR.kind()).isEqualTo(Rule.Kind.CONFLICT);
    assertThat(LedgerRule.GRANT_NOT_ACTIVE.kind()).isEqualTo(Rule.Kind.CONFLICT);
    assertThat(CatalogRule.EXPENSE_ELIGIBLE.kind()).isEqualTo(Rule.Kind.UNPROCESSABLE);
    assertThat(CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT.kind()).isEqualTo(Rule.Kind.UNPROCESSABLE);
  }

  @Test
  void shouldNeverReportANegativeHeadroom() {
    assertThatThrownBy(
            () -> new Refusal(LedgerRule.CAP_GRANT_TOTAL, CapLevel.GRANT_TOTAL, 1L, -1L, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
