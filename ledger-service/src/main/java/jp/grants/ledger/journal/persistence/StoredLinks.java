package jp.grants.ledger.journal.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.ledger.journal.chain.JournalChain;

/**
 * Journal entries read back as links of their chains, their content rebuilt from the stored rows
 * (the entry's columns and its lines in line order), never from what the writer hashed: what
 * verifying recomputes is what the database holds now.
 */
public final class StoredLinks {
  /** An entry as stored: its link columns and its content. */
  public record Link(
      UUID entryId,
      long position,
      String chainId,
      Long sequence,
      byte[] previousHash,
      byte[] entryHash,
      OffsetDateTime recordedAt,
      JournalChain.Content content) {
    public String timestamp() {
      return JournalChain.timestamp(recordedAt);
    }

    public byte[] payload() {
      return JournalChain.payload(content);
    }

    /** The hash this entry's rows give after the given previous hash. */
    public byte[] recompute(byte[] previous) {
      return JournalChain.hash(
          previous, entryId, chainId, sequence == null ? -1 : sequence, timestamp(), payload());
    }
  }

  private static final String COLUMNS =
      "entry_id, position, chain_id, chain_seq, previous_hash, entry_hash, recorded_at, kind, grant_id,"
          + " budget_pool, fiscal_year, disbursement_id, amount_yen, actor, actor_role, correlation_id,"
          + " causation_id, memo";

  static final String OF_CHAIN =
      "SELECT " + COLUMNS + " FROM journal_entry WHERE chain_id = ? ORDER BY chain_seq, position";

  static final String PAGE =
      "SELECT " + COLUMNS + " FROM journal_entry WHERE position > ? ORDER BY position LIMIT ?";

  static final String LINES =
      "SELECT entry_id, line_no, account, debit_yen, credit_yen FROM journal_line"
          + " WHERE entry_id = ANY (?::uuid[]) ORDER BY entry_id, line_no";

  private StoredLinks() {}

  /** Every entry of the chain, in sequence. */
  public static List<Link> ofChain(Connection c, String chainId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OF_CHAIN)) {
      s.setString(1, chainId);
      return read(c, s);
    }
  }

  /** Up to limit entries after the position, in the order they were written. */
  public static List<Link> page(Connection c, long afterPosition, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PAGE)) {
      s.setLong(1, afterPosition);
      s.setInt(2, limit);
      return read(c, s);
    }
  }

  private record Row(
      UUID entryId,
      long position,
      String chainId,
      Long sequence,
      byte[] previousHash,
      byte[] entryHash,
      OffsetDateTime recordedAt,
      String kind,
      UUID grantId,
      String budgetPool,
      Integer fiscalYear,
      UUID disbursementId,
      long amountYen,
      String actor,
      String actorRole,
      String correlationId,
      String causationId,
      String memo) {}

  private static List<Link> read(Connection c, PreparedStatement s) throws SQLException {
    Map<UUID, Row> rows = new LinkedHashMap<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Row row =
            new Row(
                rs.getObject(1, UUID.class),
                rs.getLong(2),
                rs.getString(3),
                (Long) rs.getObject(4),
                rs.getBytes(5),
                rs.getBytes(6),
                rs.getObject(7, OffsetDateTime.class),
                rs.getString(8),
                rs.getObject(9, UUID.class),
                rs.getString(10),
                (Integer) rs.getObject(11),
                rs.getObject(12, UUID.class),
                rs.getLong(13),
                rs.getString(14),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18));
        rows.put(row.entryId(), row);
      }
    }
    Map<UUID, List<JournalChain.Line>> lines = new LinkedHashMap<>();
    if (!rows.isEmpty()) {
      try (PreparedStatement select = c.prepareStatement(LINES)) {
        select.setArray(1, c.createArrayOf("uuid", rows.keySet().toArray()));
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            lines
                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(
                    new JournalChain.Line(
                        rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
          }
        }
      }
    }
    List<Link> links = new ArrayList<>(rows.size());
    for (Row r : rows.values()) {
      links.add(
          new Link(
              r.entryId(),
              r.position(),
              r.chainId(),
              r.sequence(),
              r.previousHash(),
              r.entryHash(),
              r.recordedAt(),
              new JournalChain.Content(
                  r.kind(),
                  r.grantId(),
                  r.budgetPool(),
                  r.fiscalYear(),
                  r.disbursementId(),
                  r.amountYen(),
                  r.actor(),
                  r.actorRole(),
                  r.correlationId(),
                  r.causationId(),
                  r.memo(),
                  lines.getOrDefault(r.entryId(), List.of()))));
    }
    return links;
  }
}
