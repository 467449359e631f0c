package jp.grants.ledger.report;

import static jp.grants.contracts.ExpenseCategory.EQUIPMENT;
import static jp.grants.contracts.ExpenseCategory.PERSONNEL;
import static jp.grants.contracts.ExpenseCategory.TRAVEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.report.domain.PaidByCategory;
import org.junit.jupiter.api.Test;

class PaidByCategoryTest {
  @Test
  void shouldBeTheGrossPaymentsWhenNothingMoved() {
    assertThat(PaidByCategory.net(Map.of(PERSONNEL, 30L, TRAVEL, 10L), Map.of(), 0, 0))
        .containsExactlyInAnyOrderEntriesOf(Map.of(PERSONNEL, 30L, TRAVEL, 10L));
  }

  @Test
  void shouldTakeRefundsAndPaidCarriedOutInProportion() {
    assertThat(
            PaidByCategory.net(
                Map.of(PERSONNEL, 30_000_000L, TRAVEL, 10_000_000L), Map.of(), 0, 8_000_000L))
        .containsExactlyInAnyOrderEntriesOf(Map.of(PERSONNEL, 24_000_000L, TRAVEL, 8_000_000L));
  }

  @Test
  void shouldSpreadPaidMoneyCarriedInAsTheYearBeforePaidIt() {
    Map<ExpenseCategory, Long> net =
        PaidByCategory.net(Map.of(EQUIPMENT, 5L), Map.of(PERSONNEL, 3L, TRAVEL, 1L), 4, 0);
    assertThat(net)
        .containsExactlyInAnyOrderEntriesOf(Map.of(EQUIPMENT, 5L, PERSONNEL, 3L, TRAVEL, 1L));
  }

  @Test
  void shouldSplitWholeYenByLargestRemainderSummingExactly() {
    // 100 over three equal weights: 33.33 each; the one remaining yen goes to the first listed
    Map<ExpenseCategory, Long> parts =
        PaidByCategory.spread(100, Map.of(TRAVEL, 1L, PERSONNEL, 1L, EQUIPMENT, 1L));
    assertThat(parts)
        .containsExactlyInAnyOrderEntriesOf(Map.of(PERSONNEL, 34L, TRAVEL, 33L, EQUIPMENT, 33L));
    Map<ExpenseCategory, Long> net =
        PaidByCategory.net(Map.of(PERSONNEL, 1L, TRAVEL, 1L, EQUIPMENT, 1L), Map.of(), 0, 1);
    assertThat(net.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
  }

  @Test
  void shouldNeverTakeMoreThanTheCategoriesHoldAndHandleHugeAmounts() {
    assertThat(PaidByCategory.net(Map.of(PERSONNEL, 10L), Map.of(), 0, 25))
        .containsEntry(PERSONNEL, 0L);
    long big = 900_000_000_000L;
    assertThat(PaidByCategory.net(Map.of(PERSONNEL, big, TRAVEL, big), Map.of(), 0, big))
        .containsExactlyInAnyOrderEntriesOf(Map.of(PERSONNEL, big / 2, TRAVEL, big / 2));
  }
}
