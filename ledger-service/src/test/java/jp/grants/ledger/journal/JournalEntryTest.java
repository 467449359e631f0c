package jp.grants.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Double entry: every entry balances, and each cap's account moves by what the ledger does. */
class JournalEntryTest {
  private static final UUID GRANT = UUID.fromString("00000000-0000-0000-0000-000000000001");

  @Test
  void shouldRefuseAnEntryWhoseDebitsAndCreditsDiffer() {
    assertThatThrownBy(
            () ->
                new JournalEntry(
                    EntryKind.DISBURSED,
                    List.of(JournalLine.debit("a", 100), JournalLine.credit("b", 99)),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not balance");
  }

  @Test
  void shouldRefuseAnEntryWithFewerThanTwoLines() {
    assertThatThrownBy(() -> new JournalEntry(EntryKind.BUDGET_SET, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseALineThatIsBothOrNeitherDebitAndCredit() {
    assertThatThrownBy(() -> new JournalLine("a", 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JournalLine("a", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JournalLine("a", -5, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTakeADisbursementFromAllThreeCapAccountsInOneBalancedEntry() {
    JournalEntry entry = Movements.disbursement(GRANT, "WPI", 2025, 30_000_000L, "travel");

    // The amount moved, not the sum of the three pairs of lines (90,000,000).
    assertThat(entry.amountYen()).isEqualTo(30_000_000L);
    assertThat(balance(entry, Accounts.programBudget("WPI", 2025))).isEqualTo(-30_000_000L);
    assertThat(balance(entry, Accounts.grantAllocation(GRANT, 2025))).isEqualTo(-30_000_000L);
    assertThat(balance(entry, Accounts.grantAward(GRANT))).isEqualTo(-30_000_000L);
    assertThat(balance(entry, Accounts.grantDisbursed(GRANT))).isEqualTo(30_000_000L);
    assertThat(entry.lines().stream().mapToLong(JournalLine::signedYen).sum()).isZero();
  }

  @Test
  void shouldMoveTheOtherWayForANegativeChange() {
    JournalEntry raised = Movements.budget(EntryKind.BUDGET_SET, "WPI", 2025, 1_000L, "raise");
    JournalEntry lowered = Movements.budget(EntryKind.BUDGET_SET, "WPI", 2025, -1_000L, "lower");

    assertThat(balance(raised, Accounts.programBudget("WPI", 2025))).isEqualTo(1_000L);
    assertThat(balance(lowered, Accounts.programBudget("WPI", 2025))).isEqualTo(-1_000L);
    assertThat(lowered.amountYen()).isEqualTo(1_000L);
  }

  @Test
  void shouldLeaveOutAllocationsThatDidNotChange() {
    JournalEntry.Builder nothing =
        Movements.allocations(EntryKind.ALLOCATION_CHANGED, GRANT, "WPI", Map.of(), 0, "x");
    JournalEntry.Builder one =
        Movements.allocations(
            EntryKind.ALLOCATION_CHANGED,
            GRANT,
            "WPI",
            Map.of(2026, 200_000_000L),
            200_000_000L,
            "step-up");

    assertThat(nothing.isEmpty()).isTrue();
    JournalEntry entry = one.build();
    assertThat(entry.lines()).hasSize(4);
    assertThat(entry.amountYen()).isEqualTo(200_000_000L);
    assertThat(balance(entry, Accounts.grantAllocation(GRANT, 2026))).isEqualTo(200_000_000L);
    assertThat(balance(entry, Accounts.programCommitments("WPI", 2026))).isEqualTo(-200_000_000L);
  }

  @Test
  void shouldShowWhatMovedBetweenYearsWhenTheTotalStaysTheSame() {
    JournalEntry replanned =
        Movements.allocations(
                EntryKind.ALLOCATION_CHANGED,
                GRANT,
                "WPI",
                Map.of(2026, -50_000_000L, 2027, 50_000_000L),
                0,
                "re-plan")
            .build();

    assertThat(replanned.amountYen()).isEqualTo(50_000_000L);
  }

  @Test
  void shouldRefuseADisbursementOfNothing() {
    assertThatThrownBy(() -> Movements.disbursement(GRANT, "WPI", 2025, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long balance(JournalEntry entry, String account) {
    return entry.lines().stream()
        .filter(l -> l.account().equals(account))
        .mapToLong(JournalLine::signedYen)
        .sum();
  }
}
