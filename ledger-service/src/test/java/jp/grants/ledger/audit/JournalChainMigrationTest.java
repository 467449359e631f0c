package jp.grants.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.StoredLinks;
import jp.grants.ledger.support.Db;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A ledger database of before issue 18 (schema version 10, its journal unchained) migrates to the
 * chained journal: every entry becomes a link of its grant's or pool's chain in the order it was
 * written, each chain verifies from its rows and its head is its newest entry.
 */
@QuarkusTest
class JournalChainMigrationTest {

  @Test
  void shouldChainTheEntriesWrittenBeforeTheChainExistedInTheOrderTheyWereWritten()
      throws Exception {
    String database = "ledger_v10_" + UUID.randomUUID().toString().replace("-", "");
    sql("CREATE DATABASE " + database);
    String url =
        ConfigProvider.getConfig()
            .getValue("quarkus.datasource.jdbc.url", String.class)
            .replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    String password =
        ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration", "classpath:db/platform")
          .target("10")
          .load()
          .migrate();
      UUID grant = UUID.randomUUID();
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        legacyEntry(c, grant, "WPI", 2030, "GRANT_AWARDED", 10_000_000L);
        legacyEntry(c, null, "WPI", 2030, "BUDGET_APPROPRIATED", 900_000_000L);
        legacyEntry(c, grant, "WPI", 2030, "DISBURSED", 1_000_000L);
        legacyEntry(c, null, "ASPIRE", null, "BUDGET_APPROPRIATED", 5_000_000_000L);
        legacyEntry(c, grant, "WPI", 2030, "DISBURSED", 2_000_000L);
        legacyEntry(c, null, "WPI", 2031, "BUDGET_SET", 100_000_000L);
      }

      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration", "classpath:db/platform")
          .load()
          .migrate();

      try (Connection c = DriverManager.getConnection(url, user, password)) {
        assertChain(c, grant.toString(), List.of("GRANT_AWARDED", "DISBURSED", "DISBURSED"));
        assertChain(c, "pool:WPI", List.of("BUDGET_APPROPRIATED", "BUDGET_SET"));
        assertChain(c, "pool:ASPIRE", List.of("BUDGET_APPROPRIATED"));
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT count(*) FROM journal_entry WHERE entry_hash IS NULL")) {
          rs.next();
          assertThat(rs.getLong(1)).isZero();
        }
      }
    } finally {
      sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static void assertChain(Connection c, String chainId, List<String> kinds)
      throws SQLException {
    List<StoredLinks.Link> links = StoredLinks.ofChain(c, chainId);
    assertThat(links.stream().map(l -> l.content().kind()).toList()).isEqualTo(kinds);
    assertThat(links.stream().map(StoredLinks.Link::position).toList()).isSorted();
    Optional<ChainHeads.Link> head;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT chain_seq, entry_hash FROM journal_chain_head WHERE chain_id = ?")) {
      s.setString(1, chainId);
      try (ResultSet rs = s.executeQuery()) {
        head =
            rs.next()
                ? Optional.of(new ChainHeads.Link(rs.getLong(1), rs.getBytes(2)))
                : Optional.empty();
      }
    }
    JournalAuditViews.Verification verification =
        JournalChainVerifier.verify(null, chainId, links, head);
    assertThat(verification.valid()).as(chainId + ": " + verification).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(kinds.size());
    assertThat(verification.chainHeadSequence()).isEqualTo(kinds.size() - 1L);
  }

  /** An entry and its two lines as the ledger wrote them before V11 (no link columns). */
  private static void legacyEntry(
      Connection c, UUID grant, String pool, Integer fiscalYear, String kind, long amount)
      throws SQLException {
    UUID entry = UUID.randomUUID();
    c.setAutoCommit(false);
    try (PreparedStatement e =
            c.prepareStatement(
                "INSERT INTO journal_entry (entry_id, kind, grant_id, budget_pool, fiscal_year, amount_yen,"
                    + " actor, actor_role, memo, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'system:ledger-service',"
                    + " 'system', 'legacy ' || ?, now())");
        PreparedStatement l =
            c.prepareStatement(
                "INSERT INTO journal_line (entry_id, line_no, account, debit_yen, credit_yen)"
                    + " VALUES (?, 1, 'legacy:a', ?, 0), (?, 2, 'legacy:b', 0, ?)")) {
      e.setObject(1, entry);
      e.setString(2, kind);
      e.setObject(3, grant);
      e.setString(4, pool);
      e.setObject(5, fiscalYear);
      e.setLong(6, amount);
      e.setString(7, kind);
      e.executeUpdate();
      l.setObject(1, entry);
      l.setLong(2, amount);
      l.setObject(3, entry);
      l.setLong(4, amount);
      l.executeUpdate();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = Db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
