package jp.grants.ledger.journal.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * The heads of the journal's chains a transaction appends to, read while it holds their row locks
 * (table journal_chain_head), advanced in memory as entries are linked, and written back in the
 * statement batch that writes the entries. Chains are locked in chain-id order, after every cap
 * row, so that two writers cannot deadlock on them; a chain without a head row yet starts at
 * sequence 0 after 32 zero bytes.
 */
public final class ChainHeads {
  /** The newest link of a chain: its sequence (-1 before the first) and hash. */
  public record Link(long sequence, byte[] hash) {
    static final Link NONE = new Link(-1, ChainHash.GENESIS);
  }

  /**
   * The locking read of the heads of some chains (one parameter: their ids); the disbursement
   * engine runs it with its cap locks, in the same round trip.
   */
  public static final String SELECT_FOR_UPDATE =
      "SELECT chain_id, chain_seq, entry_hash FROM journal_chain_head"
          + " WHERE chain_id = ANY (?::varchar[]) ORDER BY chain_id FOR UPDATE";

  /**
   * For writers that hold no lock of the chain otherwise: the head rows exist before they are
   * locked, so two first entries of a chain queue on the row too.
   */
  static final String ENSURE_AND_LOCK =
      "INSERT INTO journal_chain_head (chain_id, chain_seq, entry_hash)"
          + " SELECT c, -1, decode(repeat('00', 32), 'hex') FROM unnest(?::varchar[]) AS c ORDER BY c"
          + " ON CONFLICT (chain_id) DO NOTHING;\n"
          + SELECT_FOR_UPDATE;

  static final String WRITE_HEADS =
      "INSERT INTO journal_chain_head (chain_id, chain_seq, entry_hash, updated_at)"
          + " SELECT r.c, r.s, decode(r.h, 'hex'), now() FROM unnest(?::varchar[], ?::int8[], ?::varchar[])"
          + " AS r(c, s, h) ORDER BY r.c ON CONFLICT (chain_id) DO UPDATE SET chain_seq = EXCLUDED.chain_seq,"
          + " entry_hash = EXCLUDED.entry_hash, updated_at = EXCLUDED.updated_at";

  private final Map<String, Link> read = new TreeMap<>();
  private final Map<String, Link> advanced = new TreeMap<>();

  /** Locks the chains' heads (creating missing rows) and reads them: one round trip. */
  public static ChainHeads lock(Connection c, Collection<String> chainIds) throws SQLException {
    ChainHeads heads = new ChainHeads();
    if (chainIds.isEmpty()) {
      return heads;
    }
    try (PreparedStatement s = c.prepareStatement(ENSURE_AND_LOCK)) {
      Object[] ids = new TreeSet<>(chainIds).toArray();
      s.setArray(1, c.createArrayOf("varchar", ids));
      s.setArray(2, c.createArrayOf("varchar", ids));
      boolean isResult = s.execute();
      while (!isResult && s.getUpdateCount() != -1) {
        isResult = s.getMoreResults();
      }
      try (ResultSet rs = s.getResultSet()) {
        heads.read(rs);
      }
    }
    return heads;
  }

  /** Takes the rows of {@link #SELECT_FOR_UPDATE}. */
  public void read(ResultSet rs) throws SQLException {
    while (rs.next()) {
      read.put(rs.getString(1), new Link(rs.getLong(2), rs.getBytes(3)));
    }
  }

  /** The newest link of the chain, counting those linked in this transaction. */
  public Link head(String chainId) {
    Link link = advanced.get(chainId);
    if (link != null) {
      return link;
    }
    return read.getOrDefault(chainId, Link.NONE);
  }

  /** Records the chain's new newest link. */
  void advance(String chainId, Link link) {
    if (link.sequence() != head(chainId).sequence() + 1) {
      throw new IllegalStateException(
          "chain " + chainId + " cannot skip from " + head(chainId).sequence() + " to " + link);
    }
    advanced.put(chainId, link);
  }

  /** Writes the advanced heads back (one statement of the caller's batch). */
  void addTo(StatementBatch batch) {
    if (advanced.isEmpty()) {
      return;
    }
    batch.add(
        WRITE_HEADS,
        ArrayParam.of("varchar", advanced.keySet()),
        ArrayParam.of("int8", advanced.values().stream().map(Link::sequence).toList()),
        ArrayParam.of(
            "varchar",
            advanced.values().stream().map(l -> HexFormat.of().formatHex(l.hash())).toList()));
    read.putAll(advanced);
    advanced.clear();
  }
}
