package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.StoredLinks;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Chains the entries written before V11 (issue 18), in the order they were written (position), with
 * the very code that links new entries ({@link JournalChain}), so the hashes are identical to what
 * the ledger computes. Runs in Flyway's transaction between V11 (the columns, nullable) and V11_2
 * (required, unique per chain); the append-only trigger is suspended for these updates only, inside
 * that transaction, as V2 did. It names JavaMigration itself: Quarkus registers the implementors of
 * that interface its index knows, and Flyway's BaseJavaMigration is not in the index.
 */
public class V11_1__JournalChainBackfill extends BaseJavaMigration implements JavaMigration {
  private static final int PAGE = 1000;

  private static final String UPDATE_LINKS =
      "UPDATE journal_entry e SET chain_id = r.c, chain_seq = r.s, previous_hash = decode(r.p, 'hex'),"
          + " entry_hash = decode(r.h, 'hex')"
          + " FROM unnest(?::uuid[], ?::varchar[], ?::int8[], ?::varchar[], ?::varchar[]) AS r(id, c, s, p, h)"
          + " WHERE e.entry_id = r.id";

  private static final String WRITE_HEADS =
      "INSERT INTO journal_chain_head (chain_id, chain_seq, entry_hash)"
          + " SELECT r.c, r.s, decode(r.h, 'hex') FROM unnest(?::varchar[], ?::int8[], ?::varchar[]) AS r(c, s, h)";

  @Override
  public void migrate(Context context) throws SQLException {
    backfill(context.getConnection());
  }

  /**
   * Links every entry that the connection's transaction can see in position order, each chain from
   * sequence 0, and writes the chains' heads (into an empty head table).
   */
  public static void backfill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only");
    }
    Map<String, ChainHeads.Link> heads = new TreeMap<>();
    long after = 0;
    for (List<StoredLinks.Link> page = StoredLinks.page(c, after, PAGE);
        !page.isEmpty();
        page = StoredLinks.page(c, after, PAGE)) {
      link(c, page, heads);
      after = page.get(page.size() - 1).position();
    }
    if (!heads.isEmpty()) {
      try (PreparedStatement insert = c.prepareStatement(WRITE_HEADS)) {
        insert.setArray(1, c.createArrayOf("varchar", heads.keySet().toArray()));
        insert.setArray(
            2,
            c.createArrayOf(
                "int8", heads.values().stream().map(ChainHeads.Link::sequence).toArray()));
        insert.setArray(
            3,
            c.createArrayOf(
                "varchar",
                heads.values().stream().map(l -> HexFormat.of().formatHex(l.hash())).toArray()));
        insert.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE journal_entry ENABLE TRIGGER journal_entry_append_only");
    }
  }

  private static void link(
      Connection c, List<StoredLinks.Link> page, Map<String, ChainHeads.Link> heads)
      throws SQLException {
    List<UUID> ids = new ArrayList<>();
    List<String> chains = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    List<String> previous = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (StoredLinks.Link entry : page) {
      String chain = JournalChain.chainId(entry.content().grantId(), entry.content().budgetPool());
      ChainHeads.Link head = heads.getOrDefault(chain, new ChainHeads.Link(-1, ChainHash.GENESIS));
      long sequence = head.sequence() + 1;
      byte[] hash =
          JournalChain.hash(
              head.hash(), entry.entryId(), chain, sequence, entry.timestamp(), entry.payload());
      ids.add(entry.entryId());
      chains.add(chain);
      sequences.add(sequence);
      previous.add(HexFormat.of().formatHex(head.hash()));
      hashes.add(HexFormat.of().formatHex(hash));
      heads.put(chain, new ChainHeads.Link(sequence, hash));
    }
    try (PreparedStatement update = c.prepareStatement(UPDATE_LINKS)) {
      update.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      update.setArray(2, c.createArrayOf("varchar", chains.toArray()));
      update.setArray(3, c.createArrayOf("int8", sequences.toArray()));
      update.setArray(4, c.createArrayOf("varchar", previous.toArray()));
      update.setArray(5, c.createArrayOf("varchar", hashes.toArray()));
      update.executeUpdate();
    }
  }
}
