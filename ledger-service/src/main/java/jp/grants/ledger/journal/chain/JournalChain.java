package jp.grants.ledger.journal.chain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.audit.ChainHash;

/**
 * The journal as hash chains (migration V11__journal_chain.sql): which chain an entry belongs to,
 * the canonical bytes of an entry that its hash covers, and the hash itself, exactly as contracts'
 * {@link ChainHash} computes it for grant-service's events:
 *
 * <pre>
 * entry_hash = ChainHash.of(previous_hash, entry_id, chain_id, chain_seq, timestamp(recorded_at),
 *                           "jp.grants.ledger.JournalEntry", null, canonical JSON, null)
 * </pre>
 *
 * The canonical JSON is built from the stored values only (the entry's columns and its lines in
 * line order), so the verify endpoint rebuilds it from the rows and finds any column or line that
 * changed since the entry was written. Its shape is version 1 of the payload type: a change of
 * shape is a new payload type, never a change of this one.
 */
public final class JournalChain {
  /** The payload type of every link (the canonical JSON below, version 1). */
  public static final String PAYLOAD_TYPE = "jp.grants.ledger.JournalEntry";

  /** The chain of the entries without a grant: one per budget pool, across its fiscal years. */
  public static final String POOL_PREFIX = "pool:";

  /** Entries about neither a grant nor a pool (none is written so far): one chain for them all. */
  public static final String LEDGER_CHAIN = "ledger";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JournalChain() {}

  /** The grant's chain (its id as lower-case text), else the pool's, else the ledger's. */
  public static String chainId(UUID grantId, String budgetPool) {
    if (grantId != null) {
      return grantId.toString();
    }
    return budgetPool != null ? POOL_PREFIX + budgetPool : LEDGER_CHAIN;
  }

  public static String grantChain(UUID grantId) {
    return grantId.toString();
  }

  /**
   * The instant as the hash reads it: UTC, always six fractional digits (PostgreSQL keeps
   * microseconds; the writers truncate to them before storing).
   */
  public static String timestamp(OffsetDateTime recordedAt) {
    return recordedAt
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS)
        .format(TIMESTAMP);
  }

  /** One line as stored. */
  @JsonPropertyOrder({"lineNo", "account", "debitYen", "creditYen"})
  public record Line(int lineNo, String account, long debitYen, long creditYen) {}

  /** An entry as stored, without what the hash takes apart (id, chain, sequence, instant). */
  @JsonPropertyOrder({
    "kind",
    "grantId",
    "budgetPool",
    "fiscalYear",
    "disbursementId",
    "amountYen",
    "actor",
    "actorRole",
    "correlationId",
    "causationId",
    "memo",
    "lines"
  })
  public record Content(
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
      String memo,
      List<Line> lines) {
    public Content {
      lines = List.copyOf(lines);
    }
  }

  /**
   * The canonical JSON of an entry: compact, the fields in the order above, nulls written as null,
   * strings as Jackson escapes them, UTF-8.
   */
  public static byte[] payload(Content content) {
    try {
      return JSON.writeValueAsBytes(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write journal entry content " + content, e);
    }
  }

  /** The link's hash. */
  public static byte[] hash(
      byte[] previousHash,
      UUID entryId,
      String chainId,
      long sequence,
      String timestamp,
      byte[] payload) {
    return ChainHash.of(
        previousHash,
        entryId.toString(),
        chainId,
        sequence,
        timestamp,
        PAYLOAD_TYPE,
        null,
        payload,
        null);
  }
}
