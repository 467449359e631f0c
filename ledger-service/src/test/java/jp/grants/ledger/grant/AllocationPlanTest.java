package jp.grants.ledger.grant;

import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.grants.contracts.rule.RuleViolation;
import jp.grants.ledger.grant.domain.AllocationPlan;
import org.junit.jupiter.api.Test;

/** How each grant event changes the grant's allocations and total award. */
class AllocationPlanTest {

  private static AllocationPlan plan(
      long total, long disbursedTotal, Object... yearAllocationDisbursed) {
    TreeMap<Integer, AllocationPlan.Year> years = new TreeMap<>();
    for (int i = 0; i < yearAllocationDisbursed.length; i += 3) {
      years.put(
          (Integer) yearAllocationDisbursed[i],
          new AllocationPlan.Year(
              (Long) yearAllocationDisbursed[i + 1], (Long) yearAllocationDisbursed[i + 2]));
    }
    return new AllocationPlan(years, total, disbursedTotal);
  }

  @Test
  void shouldAllocateEveryYearOfTheAward() {
    var change = AllocationPlan.empty().award(List.of(fy(2025, 500L), fy(2026, 500L)), 1_000L);

    assertThat(change.allocations()).isEqualTo(Map.of(2025, 500L, 2026, 500L));
    assertThat(change.allocationChanges()).isEqualTo(Map.of(2025, 500L, 2026, 500L));
    assertThat(change.totalChangeYen()).isEqualTo(1_000L);
  }

  @Test
  void shouldReplaceOnlyTheYearsAfterAPassedGate() {
    AllocationPlan current =
        plan(2_500L, 0L, 2025, 500L, 0L, 2026, 500L, 0L, 2027, 500L, 0L, 2028, 500L, 0L);

    var change =
        current.replaceAfter(2026, List.of(fy(2026, 999L), fy(2027, 700L), fy(2028, 700L)), 2_400L);

    assertThat(change.allocations()).isEqualTo(Map.of(2027, 700L, 2028, 700L));
    assertThat(change.allocationChanges()).isEqualTo(Map.of(2027, 200L, 2028, 200L));
    assertThat(change.totalChangeYen()).isEqualTo(-100L);
  }

  @Test
  void shouldGiveNothingToLaterYearsAGateLeavesOut() {
    AllocationPlan current =
        plan(2_000L, 0L, 2025, 500L, 0L, 2026, 500L, 0L, 2027, 500L, 0L, 2028, 500L, 0L);

    var windDown = current.replaceAfter(2026, List.of(fy(2027, 200L)), 1_200L);

    assertThat(windDown.allocations()).isEqualTo(Map.of(2027, 200L, 2028, 0L));
    assertThat(windDown.allocationChanges()).isEqualTo(Map.of(2027, -300L, 2028, -500L));
  }

  @Test
  void shouldNeverCutAnAllocationBelowWhatWasDisbursed() {
    AllocationPlan current = plan(1_000L, 400L, 2025, 500L, 100L, 2026, 500L, 300L);

    var change = current.replaceAfter(2025, List.of(fy(2026, 50L)), 10L);

    assertThat(change.allocations()).isEqualTo(Map.of(2026, 300L));
    assertThat(change.totalCapYen()).isEqualTo(400L);
  }

  @Test
  void shouldAddTheExtensionYears() {
    AllocationPlan current = plan(1_000L, 0L, 2025, 500L, 0L, 2026, 500L, 0L);

    var change = current.extend(List.of(fy(2027, 300L), fy(2028, 300L)), 1_600L);

    assertThat(change.allocationChanges()).isEqualTo(Map.of(2027, 300L, 2028, 300L));
    assertThat(change.totalChangeYen()).isEqualTo(600L);
  }

  @Test
  void shouldReleaseWhatLaterYearsHaveNotSpentOnTermination() {
    AllocationPlan current =
        plan(2_000L, 650L, 2025, 500L, 500L, 2026, 500L, 100L, 2027, 500L, 50L, 2028, 500L, 0L);

    var change = current.releaseAfter(2026);

    assertThat(change.allocations()).isEqualTo(Map.of(2027, 50L, 2028, 0L));
    assertThat(change.allocationChanges()).isEqualTo(Map.of(2027, -450L, 2028, -500L));
    assertThat(change.totalCapYen()).isEqualTo(1_050L); // 500 + 500 + 50 + 0 still allocated
  }

  @Test
  void shouldReleaseEverythingUnspentOnClose() {
    AllocationPlan current = plan(1_000L, 350L, 2025, 500L, 300L, 2026, 500L, 50L);

    var change = current.releaseAll();

    assertThat(change.allocations()).isEqualTo(Map.of(2025, 300L, 2026, 50L));
    assertThat(change.totalCapYen()).isEqualTo(350L);
  }

  @Test
  void shouldRefuseAPlanThatNamesAYearTwice() {
    assertThatThrownBy(() -> AllocationPlan.empty().award(List.of(fy(2025, 1L), fy(2025, 2L)), 3L))
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining("FY2025 twice");
  }

  @Test
  void shouldChangeNothingWhenTheFiguresAreTheSame() {
    AllocationPlan current = plan(1_000L, 0L, 2025, 500L, 0L, 2026, 500L, 0L);

    assertThat(current.extend(List.of(fy(2026, 500L)), 1_000L).isEmpty()).isTrue();
  }
}
