package jp.grants.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.MerkleTree;

/**
 * A service's checkpoint log: each checkpoint is the RFC 9162 Merkle tree over every grant's chain
 * head in the service's {@link ChainHeads#table()} (ordered by grant id), and a leaf of a second,
 * append-only Merkle tree of checkpoint records whose root it signs. Checkpoints and their heads
 * are stored in the service's own database ({@code audit_checkpoint}, {@code
 * audit_checkpoint_head}; the heads to prove inclusion later), and the checkpoint table is the
 * outbox its publisher sends to Kafka from. A service with no {@link ChainHeads} bean keeps no log
 * ({@link #kept()} is false).
 */
@ApplicationScoped
public class CheckpointLog {
  private static final String COLUMNS =
      "checkpoint_index, taken_at, tree_size, root_hash, log_size, log_root, key_id, signature, anchor";
  private static final HexFormat HEX = HexFormat.of();

  @Inject DataSource dataSource;
  @Inject Instance<ChainHeads> chains;
  @Inject CheckpointKeys keys;
  @Inject Instance<CheckpointAnchor> anchor;
  @Inject CheckpointPublisher publisher;

  /** Whether this service keeps a checkpoint log: it has chains ({@link ChainHeads}). */
  public boolean kept() {
    return chains.isResolvable();
  }

  /** What this service's log covers: its chain head table, its log id and its topic. */
  public ChainHeads chain() {
    return chains.get();
  }

  /**
   * Takes a checkpoint of every grant's current head, signs, stores and (after commit) sends it.
   */
  public Checkpoint take(String reason, String requestedBy) {
    Checkpoint taken = inTransaction(c -> take(c, reason, requestedBy, false)).orElseThrow();
    publisher.wake();
    return taken;
  }

  /** The newest checkpoint if no grant's head moved since it, else a new one. */
  public Checkpoint current(String reason, String requestedBy) {
    Optional<Checkpoint> taken = inTransaction(c -> take(c, reason, requestedBy, true));
    taken.ifPresent(t -> publisher.wake());
    return taken.or(this::latest).orElseThrow();
  }

  /** A new checkpoint only if some head moved since the newest: the interval's checkpoints. */
  public Optional<Checkpoint> takeIfChanged(String reason) {
    Optional<Checkpoint> taken = inTransaction(c -> take(c, reason, null, true));
    taken.ifPresent(t -> publisher.wake());
    return taken;
  }

  private Optional<Checkpoint> take(
      Connection c, String reason, String requestedBy, boolean onlyIfChanged) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('audit_checkpoint'))")) {
      lock.execute(); // one checkpoint at a time: the log grows by one leaf per checkpoint
    }
    List<ChainHead> heads = currentHeads(c, chain().table());
    List<byte[]> leaves = heads.stream().map(ChainHead::leafHash).toList();
    String root = HEX.formatHex(MerkleTree.root(leaves));
    List<byte[]> records = recordHashes(c, Long.MAX_VALUE);
    Optional<Checkpoint> latest = records.isEmpty() ? Optional.empty() : at(c, records.size() - 1);
    if (onlyIfChanged
        && latest.isPresent()
        && latest.get().rootHash().equals(root)
        && latest.get().treeSize() == heads.size()) {
      return Optional.empty();
    }
    long index = records.size();
    String timestamp = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    byte[] record = Checkpoint.record(index, timestamp, heads.size(), root);
    List<byte[]> log = new ArrayList<>(records);
    log.add(MerkleTree.leafHash(record));
    String logRoot = HEX.formatHex(MerkleTree.root(log));
    String keyId = keys.keyId();
    String signature =
        keys.sign(
            Checkpoint.signed(index, timestamp, heads.size(), root, log.size(), logRoot, keyId));
    Checkpoint signed =
        new Checkpoint(
            index, timestamp, heads.size(), root, log.size(), logRoot, keyId, signature, null);
    String receipt = anchor.get().anchor(signed).orElse(null);
    Checkpoint stored =
        new Checkpoint(
            index, timestamp, heads.size(), root, log.size(), logRoot, keyId, signature, receipt);
    insert(c, stored, MerkleTree.leafHash(record), reason, requestedBy);
    insertHeads(c, index, heads);
    return Optional.of(stored);
  }

  private void insert(Connection c, Checkpoint k, byte[] recordHash, String reason, String by)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint ("
                + COLUMNS
                + ", record_hash, reason, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, k.index());
      s.setString(2, k.timestamp());
      s.setLong(3, k.treeSize());
      s.setString(4, k.rootHash());
      s.setLong(5, k.logSize());
      s.setString(6, k.logRoot());
      s.setString(7, k.keyId());
      s.setString(8, k.signature());
      s.setString(9, k.anchor());
      s.setBytes(10, recordHash);
      s.setString(11, reason);
      s.setString(12, by);
      s.executeUpdate();
    }
  }

  private void insertHeads(Connection c, long index, List<ChainHead> heads) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint_head (checkpoint_index, leaf_index, grant_id,"
                + " sequence_number, event_hash) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < heads.size(); i++) {
        s.setLong(1, index);
        s.setLong(2, i);
        s.setString(3, heads.get(i).grantId());
        s.setLong(4, heads.get(i).sequence());
        s.setString(5, heads.get(i).hash());
        s.addBatch();
        if (i % 1000 == 999) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
  }

  private static List<ChainHead> currentHeads(Connection c, String table) throws SQLException {
    List<ChainHead> heads = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT aggregate_identifier, sequence_number, event_hash FROM "
                    + table
                    + " WHERE sequence_number >= 0" // a head row before its chain's first link
                    + " ORDER BY aggregate_identifier COLLATE \"C\"");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        heads.add(new ChainHead(rs.getString(1), rs.getLong(2), HEX.formatHex(rs.getBytes(3))));
      }
    }
    return heads;
  }

  /** The log's leaf hashes of checkpoints 0..upTo (all if upTo is larger), in index order. */
  private static List<byte[]> recordHashes(Connection c, long upTo) throws SQLException {
    List<byte[]> hashes = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT record_hash FROM audit_checkpoint WHERE checkpoint_index <= ?"
                + " ORDER BY checkpoint_index")) {
      s.setLong(1, upTo);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          hashes.add(rs.getBytes(1));
        }
      }
    }
    return hashes;
  }

  public Optional<Checkpoint> latest() {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT max(checkpoint_index) FROM audit_checkpoint");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : at(c, max);
          }
        });
  }

  public Optional<Checkpoint> get(long index) {
    return inTransaction(c -> at(c, index));
  }

  /** Checkpoints from an index on, oldest first, at most {@code limit}. */
  public List<Checkpoint> from(long index, int limit) {
    return inTransaction(
        c -> {
          List<Checkpoint> page = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM audit_checkpoint WHERE checkpoint_index >= ?"
                      + " ORDER BY checkpoint_index LIMIT ?")) {
            s.setLong(1, index);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                page.add(checkpoint(rs));
              }
            }
          }
          return page;
        });
  }

  /** The heads a checkpoint recorded, in leaf order. */
  public List<ChainHead> heads(long index) {
    return inTransaction(
        c -> {
          List<ChainHead> heads = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT grant_id, sequence_number, event_hash FROM audit_checkpoint_head"
                      + " WHERE checkpoint_index = ? ORDER BY leaf_index")) {
            s.setLong(1, index);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                heads.add(new ChainHead(rs.getString(1), rs.getLong(2), rs.getString(3)));
              }
            }
          }
          return heads;
        });
  }

  /**
   * RFC 9162 consistency proof of the log from checkpoint {@code from} (log size from + 1) to
   * checkpoint {@code to} (log size to + 1); empty for the same checkpoint.
   */
  public List<byte[]> consistency(long from, long to) {
    List<byte[]> records = inTransaction(c -> recordHashes(c, to));
    return MerkleTree.consistencyProof(records, (int) (from + 1));
  }

  private static Optional<Checkpoint> at(Connection c, long index) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM audit_checkpoint WHERE checkpoint_index = ?")) {
      s.setLong(1, index);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
      }
    }
  }

  static Checkpoint checkpoint(ResultSet rs) throws SQLException {
    return new Checkpoint(
        rs.getLong("checkpoint_index"),
        rs.getString("taken_at"),
        rs.getLong("tree_size"),
        rs.getString("root_hash"),
        rs.getLong("log_size"),
        rs.getString("log_root"),
        rs.getString("key_id"),
        rs.getString("signature"),
        rs.getString("anchor"));
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read or write the checkpoint log", e);
    }
  }
}
