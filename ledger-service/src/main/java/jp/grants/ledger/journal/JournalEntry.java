package jp.grants.ledger.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A balanced set of lines: the sum of debits equals the sum of credits, always. Entries are never
 * changed once written; a correction is a new entry that moves the money back.
 */
public record JournalEntry(EntryKind kind, List<JournalLine> lines, String memo) {
  public JournalEntry {
    Objects.requireNonNull(kind, "kind");
    lines = List.copyOf(lines);
    if (lines.size() < 2) {
      throw new IllegalArgumentException("a journal entry needs at least two lines, got " + lines.size());
    }
    long balance = 0;
    for (JournalLine line : lines) {
      balance = Math.addExact(balance, line.signedYen());
    }
    if (balance != 0) {
      throw new IllegalArgumentException("journal entry " + kind + " does not balance: debits - credits = " + balance);
    }
  }

  /** The sum of the debits (= the sum of the credits). */
  public long amountYen() {
    long total = 0;
    for (JournalLine line : lines) {
      total = Math.addExact(total, line.debitYen());
    }
    return total;
  }

  public static Builder builder(EntryKind kind, String memo) {
    return new Builder(kind, memo);
  }

  /** Collects movements; a movement of zero is left out, a negative one moves the other way. */
  public static final class Builder {
    private final EntryKind kind;
    private final String memo;
    private final List<JournalLine> lines = new ArrayList<>();

    private Builder(EntryKind kind, String memo) {
      this.kind = kind;
      this.memo = memo;
    }

    /** Debits {@code to} and credits {@code from} with the amount (the reverse when negative). */
    public Builder move(String to, String from, long amountYen) {
      if (amountYen > 0) {
        lines.add(JournalLine.debit(to, amountYen));
        lines.add(JournalLine.credit(from, amountYen));
      } else if (amountYen < 0) {
        long reversed = Math.negateExact(amountYen);
        lines.add(JournalLine.debit(from, reversed));
        lines.add(JournalLine.credit(to, reversed));
      }
      return this;
    }

    public boolean isEmpty() {
      return lines.isEmpty();
    }

    public JournalEntry build() {
      return new JournalEntry(kind, lines, memo);
    }
  }
}
