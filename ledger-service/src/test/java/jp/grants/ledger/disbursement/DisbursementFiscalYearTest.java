package jp.grants.ledger.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import jp.grants.contracts.FiscalYears;
import jp.grants.ledger.disbursement.domain.DisbursementFiscalYear;
import org.junit.jupiter.api.Test;

/** Japanese fiscal years run from 1 April to 31 March and are named by the year they start in. */
class DisbursementFiscalYearTest {

  @Test
  void shouldBookTheLastDayOfMarchInTheFiscalYearThatStartedTheAprilBefore() {
    assertThat(
            DisbursementFiscalYear.resolve(
                null, LocalDate.of(2026, 3, 31), LocalDate.of(2030, 1, 1)))
        .isEqualTo(2025);
    assertThat(
            DisbursementFiscalYear.resolve(
                null, LocalDate.of(2026, 4, 1), LocalDate.of(2030, 1, 1)))
        .isEqualTo(2026);
    assertThat(
            DisbursementFiscalYear.resolve(
                null, LocalDate.of(2026, 1, 1), LocalDate.of(2030, 1, 1)))
        .isEqualTo(2025);
  }

  @Test
  void shouldPreferTheNamedFiscalYearThenTheValueDateThenToday() {
    assertThat(DisbursementFiscalYear.resolve(2027, null, LocalDate.of(2025, 5, 1)))
        .isEqualTo(2027);
    assertThat(DisbursementFiscalYear.resolve(null, null, LocalDate.of(2025, 3, 31)))
        .isEqualTo(2024);
  }

  @Test
  void shouldCountAnInstantAsTheCalendarRunsInJapan() {
    // 31 March 2026, 15:00 UTC is already 1 April in Tokyo.
    assertThat(FiscalYears.of(Instant.parse("2026-03-31T15:00:00Z"))).isEqualTo(2026);
    assertThat(FiscalYears.of(Instant.parse("2026-03-31T14:59:59Z"))).isEqualTo(2025);
  }

  @Test
  void shouldFindAFiscalYearThatDoesNotContainTheValueDateInconsistent() {
    assertThat(DisbursementFiscalYear.consistent(2025, LocalDate.of(2026, 3, 31))).isTrue();
    assertThat(DisbursementFiscalYear.consistent(2025, LocalDate.of(2026, 4, 1))).isFalse();
    assertThat(DisbursementFiscalYear.consistent(null, LocalDate.of(2026, 4, 1))).isTrue();
  }
}
