package jp.grants.ledger.report;

import static jp.grants.contracts.ExpenseCategory.EQUIPMENT;
import static jp.grants.contracts.ExpenseCategory.PERSONNEL;
import static jp.grants.contracts.ExpenseCategory.RESEARCH_PROJECT;
import static jp.grants.contracts.ExpenseCategory.TRAVEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.grants.catalog.ExpenseTransfers;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.report.domain.ReportAssessment;
import org.junit.jupiter.api.Test;

class ReportAssessmentTest {
  private static final ExpenseTransfers KAKENHI = new ExpenseTransfers(50, 3_000_000L, "test");
  private static final List<ExpenseCategory> WPI = List.of(PERSONNEL, TRAVEL, EQUIPMENT);

  @Test
  void shouldMeasureTransfersAgainstTheFreeLimit() {
    ReportAssessment a =
        ReportAssessment.assess(
                "WPI",
                2030,
                Map.of(PERSONNEL, 20_000_000L, TRAVEL, 12_000_000L),
                WPI,
                Map.of(PERSONNEL, 30_000_000L, TRAVEL, 10_000_000L),
                40_000_000L,
                KAKENHI)
            .assessment()
            .orElseThrow();
    assertThat(a.reportedYen()).isEqualTo(32_000_000L);
    assertThat(a.transferredYen()).isEqualTo(2_000_000L);
    assertThat(a.freeLimitYen()).isEqualTo(20_000_000L);
    assertThat(a.needsApproval()).isFalse();
    assertThat(a.unspentYen()).isEqualTo(8_000_000L);
    assertThat(a.lines())
        .containsExactly(
            new ReportAssessment.Line(PERSONNEL, 20_000_000L, 30_000_000L),
            new ReportAssessment.Line(TRAVEL, 12_000_000L, 10_000_000L));
  }

  @Test
  void shouldNeedApprovalJustBeyondTheLimitNotAtIt() {
    Map<ExpenseCategory, Long> paid = Map.of(PERSONNEL, 4_000_000L);
    assertThat(
            ReportAssessment.assess(
                    "WPI", 2030, Map.of(TRAVEL, 3_000_000L), WPI, paid, 4_000_000L, KAKENHI)
                .assessment()
                .orElseThrow()
                .needsApproval())
        .isFalse();
    assertThat(
            ReportAssessment.assess(
                    "WPI", 2030, Map.of(TRAVEL, 3_000_001L), WPI, paid, 4_000_000L, KAKENHI)
                .assessment()
                .orElseThrow()
                .needsApproval())
        .isTrue();
  }

  @Test
  void shouldRefuseIneligibleCategoriesAndClaimsBeyondWhatTheYearHolds() {
    assertThat(
            ReportAssessment.assess(
                    "WPI", 2030, Map.of(RESEARCH_PROJECT, 1L), WPI, Map.of(), 10L, KAKENHI)
                .refusal()
                .orElseThrow()
                .rule()
                .code())
        .isEqualTo("EXPENSE-ELIGIBLE");
    assertThat(
            ReportAssessment.assess(
                    "WPI", 2030, Map.of(PERSONNEL, 11L), WPI, Map.of(PERSONNEL, 10L), 10L, KAKENHI)
                .refusal()
                .orElseThrow()
                .rule()
                .code())
        .isEqualTo("REPORT-EXCEEDS-PAID");
    assertThat(
            ReportAssessment.assess(
                    "WPI", 2030, Map.of(PERSONNEL, 10L), WPI, Map.of(PERSONNEL, 10L), 10L, KAKENHI)
                .refusal())
        .isEmpty();
  }
}
