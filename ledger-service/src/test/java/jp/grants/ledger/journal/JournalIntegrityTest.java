package jp.grants.ledger.journal;

import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import org.junit.jupiter.api.Test;

/** The database itself keeps the journal append-only and every entry balanced. */
@QuarkusTest
class JournalIntegrityTest {
  /** A link of a chain of its own (issue 18): these tests are about the lines, not the chain. */
  private static final String LINK_COLUMNS = " chain_id, chain_seq, previous_hash, entry_hash";

  private static final String LINK =
      "'test:' || gen_random_uuid(), 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex')";

  private static void execute(String sql) throws SQLException {
    try (Connection c = Db.dataSource().getConnection()) {
      c.createStatement().execute(sql);
    }
  }

  @Test
  void shouldRefuseToUpdateOrDeleteJournalRows() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(producer, award("ASPIRE", 100_000_000L, fy(2090, 100_000_000L))).grantId();
      String entry =
          Db.text("SELECT entry_id::text FROM journal_entry WHERE grant_id = ?", grantId);

      assertThatThrownBy(
              () ->
                  execute(
                      "UPDATE journal_entry SET memo = 'edited' WHERE entry_id = '" + entry + "'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () ->
                  execute(
                      "UPDATE journal_line SET debit_yen = debit_yen + 1 WHERE entry_id = '"
                          + entry
                          + "'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM journal_line WHERE entry_id = '" + entry + "'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () -> execute("DELETE FROM journal_entry WHERE entry_id = '" + entry + "'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("TRUNCATE journal_line, journal_entry"))
          .hasMessageContaining("append-only");

      assertThat(Db.number("SELECT count(*) FROM journal_line WHERE entry_id = ?::uuid", entry))
          .isEqualTo(4);
    }
  }

  @Test
  void shouldRefuseAnEntryWhoseLinesDoNotBalance() throws SQLException {
    UUID entry = UUID.randomUUID();
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      c.createStatement()
          .execute(
              "INSERT INTO journal_entry (entry_id, kind, amount_yen, actor, actor_role, recorded_at,"
                  + LINK_COLUMNS
                  + ")"
                  + " VALUES ('"
                  + entry
                  + "', 'BUDGET_SET', 100, 'tester', 'admin', now(), "
                  + LINK
                  + ")");

      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .execute(
                          "INSERT INTO journal_line VALUES ('"
                              + entry
                              + "', 1, 'program:X:2090:budget', 100, 0), ('"
                              + entry
                              + "', 2, 'appropriation:X:2090', 0, 99)"))
          .hasMessageContaining("does not balance");
      c.rollback();
    }
    assertThat(Db.number("SELECT count(*) FROM journal_entry WHERE entry_id = ?", entry)).isZero();
  }

  @Test
  void shouldRefuseBalancedLinesOfAnEntryThatDoesNotExist() throws SQLException {
    UUID entry = UUID.randomUUID();
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .execute(
                          "INSERT INTO journal_line VALUES ('"
                              + entry
                              + "', 1, 'program:X:2090:budget', 100, 0), ('"
                              + entry
                              + "', 2, 'appropriation:X:2090', 0, 100)"))
          .hasMessageContaining("does not exist");
      c.rollback();
    }
    assertThat(Db.number("SELECT count(*) FROM journal_line WHERE entry_id = ?", entry)).isZero();
  }

  @Test
  void shouldKeepEveryBatchOfLinesBalancedAndOnItsEntry() throws SQLException {
    // Two entries written as the engine writes a batch: entries first, then all their lines in one
    // statement.
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      c.createStatement()
          .execute(
              "INSERT INTO journal_entry (entry_id, kind, amount_yen, actor, actor_role, recorded_at,"
                  + LINK_COLUMNS
                  + ")"
                  + " VALUES ('"
                  + first
                  + "', 'BUDGET_SET', 100, 'tester', 'admin', now(), "
                  + LINK
                  + "),"
                  + " ('"
                  + second
                  + "', 'BUDGET_SET', 50, 'tester', 'admin', now(), "
                  + LINK
                  + ")");
      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .execute(
                          "INSERT INTO journal_line VALUES"
                              + " ('"
                              + first
                              + "', 1, 'program:X:2090:budget', 100, 0), ('"
                              + first
                              + "', 2, 'appropriation:X:2090', 0, 100),"
                              + " ('"
                              + second
                              + "', 1, 'program:X:2090:budget', 50, 0), ('"
                              + second
                              + "', 2, 'appropriation:X:2090', 0, 49)"))
          .hasMessageContaining("journal entry " + second + " does not balance");
      c.rollback();
    }
    assertThat(
            Db.number("SELECT count(*) FROM journal_entry WHERE entry_id IN (?, ?)", first, second))
        .isZero();
  }

  @Test
  void shouldRefuseAtCommitAnEntryWithoutItsLines() throws SQLException {
    UUID entry = UUID.randomUUID();
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      c.createStatement()
          .execute(
              "INSERT INTO journal_entry (entry_id, kind, amount_yen, actor, actor_role, recorded_at,"
                  + LINK_COLUMNS
                  + ")"
                  + " VALUES ('"
                  + entry
                  + "', 'BUDGET_SET', 100, 'tester', 'admin', now(), "
                  + LINK
                  + ")");

      assertThatThrownBy(c::commit).hasMessageContaining("does not balance");
    }
    assertThat(Db.number("SELECT count(*) FROM journal_entry WHERE entry_id = ?", entry)).isZero();
  }

  @Test
  void shouldRefuseALineAddedLaterToABalancedEntry() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(producer, award("ASPIRE", 100_000_000L, fy(2091, 100_000_000L))).grantId();
      String entry =
          Db.text("SELECT entry_id::text FROM journal_entry WHERE grant_id = ?", grantId);

      assertThatThrownBy(
              () ->
                  execute(
                      "INSERT INTO journal_line VALUES ('"
                          + entry
                          + "', 99, 'grant:x:award', 1, 0)"))
          .hasMessageContaining("does not balance");
      assertThat(Db.number("SELECT count(*) FROM journal_line WHERE entry_id = ?::uuid", entry))
          .isEqualTo(4);
    }
  }

  @Test
  void shouldRefuseATotalCapBelowWhatWasDisbursedEvenOutsideTheLedgersCode() {
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      UUID grantId =
          Awards.publish(producer, award("ASPIRE", 100_000_000L, fy(2090, 100_000_000L))).grantId();

      assertThatThrownBy(
              () ->
                  execute(
                      "UPDATE grant_account SET disbursed_yen = total_cap_yen + 1"
                          + " WHERE grant_id = '"
                          + grantId
                          + "'"))
          .hasMessageContaining("grant_total_cap_kept");
      assertThatThrownBy(
              () ->
                  execute(
                      "UPDATE grant_year SET disbursed_yen = allocation_yen + 1"
                          + " WHERE grant_id = '"
                          + grantId
                          + "'"))
          .hasMessageContaining("grant_year_cap_kept");
    }
  }
}
