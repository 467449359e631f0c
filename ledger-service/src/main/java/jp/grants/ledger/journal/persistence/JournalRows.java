package jp.grants.ledger.journal.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.JournalLine;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * Writes journal entries and their lines as rows: every entry of a batch in one statement, and all
 * their lines in one more. The database checks, per statement, that every entry a statement adds
 * lines to balances (an entry's lines must therefore be written together), and at commit that every
 * entry has its lines. Every entry is a link of its chain ({@link JournalChain}): its sequence,
 * previous hash and hash are computed here, from the same values that are stored.
 */
public final class JournalRows {
  /** One entry to write: its id, what it is about and who caused it. */
  public record Row(
      UUID entryId, JournalEntry entry, Journal.Subject subject, Provenance provenance) {}

  static final String INSERT_ENTRIES =
      "INSERT INTO journal_entry (recorded_at, entry_id, kind, grant_id, budget_pool,"
          + " fiscal_year, disbursement_id, amount_yen, actor, actor_role, correlation_id, causation_id, memo,"
          + " chain_id, chain_seq, previous_hash, entry_hash)"
          + " SELECT ?, r.id, r.kind, r.g, r.pool, r.fy, r.d, r.amount, r.actor, r.role, r.corr, r.cause, r.memo,"
          + " r.chain, r.seq, decode(r.prev, 'hex'), decode(r.hash, 'hex')"
          + " FROM unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::varchar[], ?::int4[], ?::uuid[], ?::int8[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int8[],"
          + " ?::varchar[], ?::varchar[])"
          + " AS r(id, kind, g, pool, fy, d, amount, actor, role, corr, cause, memo, chain, seq, prev, hash)";
  static final String INSERT_LINES =
      "INSERT INTO journal_line (entry_id, line_no, account, debit_yen, credit_yen)"
          + " SELECT * FROM unnest(?::uuid[], ?::int4[], ?::varchar[], ?::int8[], ?::int8[])";

  private static final HexFormat HEX = HexFormat.of();

  private JournalRows() {}

  /** The chains the rows append to, whose heads the writer must lock first. */
  public static Set<String> chains(List<Row> rows) {
    Set<String> chains = new TreeSet<>();
    for (Row row : rows) {
      chains.add(JournalChain.chainId(row.subject().grantId(), row.subject().budgetPool()));
    }
    return chains;
  }

  /**
   * Adds the inserts of the rows to the batch, each entry linked to its chain after the heads
   * (locked by the caller, see {@link ChainHeads}), and the chains' new heads (nothing when there
   * are no rows). recordedAt is stored, and hashed, to the microsecond.
   */
  public static void addTo(
      StatementBatch batch, List<Row> rows, OffsetDateTime recordedAt, ChainHeads heads) {
    if (rows.isEmpty()) {
      return;
    }
    OffsetDateTime at =
        recordedAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String timestamp = JournalChain.timestamp(at);
    int n = rows.size();
    UUID[] ids = new UUID[n];
    String[] kinds = new String[n];
    UUID[] grants = new UUID[n];
    String[] pools = new String[n];
    Integer[] years = new Integer[n];
    UUID[] disbursements = new UUID[n];
    Long[] amounts = new Long[n];
    String[] actors = new String[n];
    String[] roles = new String[n];
    String[] correlations = new String[n];
    String[] causations = new String[n];
    String[] memos = new String[n];
    String[] chains = new String[n];
    Long[] sequences = new Long[n];
    String[] previous = new String[n];
    String[] hashes = new String[n];
    int lineCount = rows.stream().mapToInt(r -> r.entry().lines().size()).sum();
    UUID[] lineEntries = new UUID[lineCount];
    Integer[] lineNumbers = new Integer[lineCount];
    String[] accounts = new String[lineCount];
    Long[] debits = new Long[lineCount];
    Long[] credits = new Long[lineCount];
    int l = 0;
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      ids[i] = row.entryId();
      kinds[i] = row.entry().kind().name();
      grants[i] = row.subject().grantId();
      pools[i] = row.subject().budgetPool();
      years[i] = row.subject().fiscalYear();
      disbursements[i] = row.subject().disbursementId();
      amounts[i] = row.entry().amountYen();
      ProvenanceColumns provenance = ProvenanceColumns.of(row.provenance());
      actors[i] = provenance.actor;
      roles[i] = provenance.actorRole;
      correlations[i] = provenance.correlationId;
      causations[i] = provenance.causationId;
      memos[i] = truncate(row.entry().memo());
      List<JournalLine> lines = row.entry().lines();
      List<JournalChain.Line> hashed = new ArrayList<>(lines.size());
      for (int j = 0; j < lines.size(); j++, l++) {
        lineEntries[l] = row.entryId();
        lineNumbers[l] = j + 1;
        accounts[l] = lines.get(j).account();
        debits[l] = lines.get(j).debitYen();
        credits[l] = lines.get(j).creditYen();
        hashed.add(new JournalChain.Line(j + 1, accounts[l], debits[l], credits[l]));
      }
      JournalChain.Content content =
          new JournalChain.Content(
              kinds[i],
              grants[i],
              pools[i],
              years[i],
              disbursements[i],
              amounts[i],
              actors[i],
              roles[i],
              correlations[i],
              causations[i],
              memos[i],
              hashed);
      chains[i] = JournalChain.chainId(grants[i], pools[i]);
      ChainHeads.Link head = heads.head(chains[i]);
      sequences[i] = head.sequence() + 1;
      byte[] hash =
          JournalChain.hash(
              head.hash(),
              ids[i],
              chains[i],
              sequences[i],
              timestamp,
              JournalChain.payload(content));
      previous[i] = HEX.formatHex(head.hash());
      hashes[i] = HEX.formatHex(hash);
      heads.advance(chains[i], new ChainHeads.Link(sequences[i], hash));
    }
    batch.add(
        INSERT_ENTRIES,
        at,
        new ArrayParam("uuid", ids),
        new ArrayParam("varchar", kinds),
        new ArrayParam("uuid", grants),
        new ArrayParam("varchar", pools),
        new ArrayParam("int4", years),
        new ArrayParam("uuid", disbursements),
        new ArrayParam("int8", amounts),
        new ArrayParam("varchar", actors),
        new ArrayParam("varchar", roles),
        new ArrayParam("varchar", correlations),
        new ArrayParam("varchar", causations),
        new ArrayParam("varchar", memos),
        new ArrayParam("varchar", chains),
        new ArrayParam("int8", sequences),
        new ArrayParam("varchar", previous),
        new ArrayParam("varchar", hashes));
    batch.add(
        INSERT_LINES,
        new ArrayParam("uuid", lineEntries),
        new ArrayParam("int4", lineNumbers),
        new ArrayParam("varchar", accounts),
        new ArrayParam("int8", debits),
        new ArrayParam("int8", credits));
    heads.addTo(batch);
  }

  static String truncate(String memo) {
    return memo == null || memo.length() <= 1000 ? memo : memo.substring(0, 997) + "...";
  }
}
