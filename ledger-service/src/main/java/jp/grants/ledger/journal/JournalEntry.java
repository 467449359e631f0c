package jp.grants.ledger.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A balanced set of lines: the sum of debits equals the sum of credits, always. Entries are never
 * changed once written; a correction is a new entry that moves the money back.
 *
 * @param amountYen the amount the entry moves, as a person reads it: a payment of 47,000 yen is
 *     47,000 yen, although its three pairs of lines debit 141,000 in all
 */
public record JournalEntry(EntryKind kind, List<JournalLine> lines, String memo, long amountYen) {
  /** An entry that moves one amount: the largest line (every pair of a movement carries it). */
  public JournalEntry(EntryKind kind, List<JournalLine> lines, String memo) {
    this(kind, lines, memo, largestLine(lines));
  }

  public JournalEntry {
    Objects.requireNonNull(kind, "kind");
    lines = List.copyOf(lines);
    if (lines.size() < 2) {
      throw new IllegalArgumentException(
          "a journal entry needs at least two lines, got " + lines.size());
    }
    long balance = 0;
    for (JournalLine line : lines) {
      balance = Math.addExact(balance, line.signedYen());
    }
    if (balance != 0) {
      throw new IllegalArgumentException(
          "journal entry " + kind + " does not balance: debits - credits = " + balance);
    }
    if (amountYen < 0) {
      throw new IllegalArgumentException("an entry moves a non-negative amount: " + amountYen);
    }
  }

  private static long largestLine(List<JournalLine> lines) {
    long largest = 0;
    for (JournalLine line : lines) {
      largest = Math.max(largest, Math.max(line.debitYen(), line.creditYen()));
    }
    return largest;
  }

  public static Builder builder(EntryKind kind, String memo) {
    return new Builder(kind, memo);
  }

  /** Collects movements; a movement of zero is left out, a negative one moves the other way. */
  public static final class Builder {
    private final EntryKind kind;
    private final String memo;
    private final List<JournalLine> lines = new ArrayList<>();
    private Long amountYen;

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

    /**
     * The amount the entry moves, when it is not simply its largest line (see {@link
     * JournalEntry}).
     */
    public Builder amount(long amountYen) {
      this.amountYen = amountYen;
      return this;
    }

    public boolean isEmpty() {
      return lines.isEmpty();
    }

    public JournalEntry build() {
      return amountYen == null
          ? new JournalEntry(kind, lines, memo)
          : new JournalEntry(kind, lines, memo, amountYen);
    }
  }
}
