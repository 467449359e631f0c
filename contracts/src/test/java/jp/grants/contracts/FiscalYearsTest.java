package jp.grants.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FiscalYearsTest {
  @Test
  void aFiscalYearStartsOnTheFirstOfApril() {
    assertThat(FiscalYears.of(LocalDate.of(2025, 4, 1))).isEqualTo(2025);
    assertThat(FiscalYears.of(LocalDate.of(2026, 3, 31))).isEqualTo(2025);
    assertThat(FiscalYears.of(LocalDate.of(2026, 1, 15))).isEqualTo(2025);
    assertThat(FiscalYears.firstDay(2023)).isEqualTo(LocalDate.of(2023, 4, 1));
    assertThat(FiscalYears.lastDay(2023)).isEqualTo(LocalDate.of(2024, 3, 31));
  }

  @Test
  void anInstantIsDatedAsTheCalendarRunsInJapan() {
    // 2026-03-31T15:30Z is already 1 April 00:30 in Tokyo: the new fiscal year.
    assertThat(FiscalYears.of(Instant.parse("2026-03-31T15:30:00Z"))).isEqualTo(2026);
    assertThat(FiscalYears.of(Instant.parse("2026-03-31T14:59:59Z"))).isEqualTo(2025);
  }
}
