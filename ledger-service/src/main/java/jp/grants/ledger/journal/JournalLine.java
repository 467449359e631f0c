package jp.grants.ledger.journal;

import java.util.Objects;

/**
 * One side of one movement: an amount debited or credited to an account. The balance of an account
 * is its debits minus its credits.
 */
public record JournalLine(String account, long debitYen, long creditYen) {
  public JournalLine {
    Objects.requireNonNull(account, "account");
    if (debitYen < 0 || creditYen < 0 || (debitYen == 0) == (creditYen == 0)) {
      throw new IllegalArgumentException(
          "a line debits or credits a positive amount, not both: "
              + account
              + " "
              + debitYen
              + "/"
              + creditYen);
    }
  }

  public static JournalLine debit(String account, long amountYen) {
    return new JournalLine(account, amountYen, 0);
  }

  public static JournalLine credit(String account, long amountYen) {
    return new JournalLine(account, 0, amountYen);
  }

  /** What the line adds to its account's balance (debit positive, credit negative). */
  public long signedYen() {
    return debitYen - creditYen;
  }
}
