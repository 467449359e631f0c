package jp.grants.ledger.journal.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.JournalLine;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * Writes journal entries and their lines as rows: every entry of a batch in one statement, and all
 * their lines in one more. The database checks, per statement, that every entry a statement adds
 * lines to balances (an entry's lines must therefore be written together), and at commit that every
 * entry has its lines.
 */
public final class JournalRows {
  /** One entry to write: its id, what it is about and who caused it. */
  public record Row(
      UUID entryId, JournalEntry entry, Journal.Subject subject, Provenance provenance) {}

  static final String INSERT_ENTRIES =
      "INSERT INTO journal_entry (recorded_at, entry_id, kind, grant_id, budget_pool,"
          + " fiscal_year, disbursement_id, amount_yen, actor, actor_role, correlation_id, causation_id, memo)"
          + " SELECT ?, r.* FROM unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::varchar[], ?::int4[], ?::uuid[], ?::int8[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS r";
  static final String INSERT_LINES =
      "INSERT INTO journal_line (entry_id, line_no, account, debit_yen, credit_yen)"
          + " SELECT * FROM unnest(?::uuid[], ?::int4[], ?::varchar[], ?::int8[], ?::int8[])";

  private JournalRows() {}

  /** Adds the two inserts of the rows to the batch (nothing when there are none). */
  public static void addTo(StatementBatch batch, List<Row> rows, OffsetDateTime recordedAt) {
    if (rows.isEmpty()) {
      return;
    }
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
      for (int j = 0; j < lines.size(); j++, l++) {
        lineEntries[l] = row.entryId();
        lineNumbers[l] = j + 1;
        accounts[l] = lines.get(j).account();
        debits[l] = lines.get(j).debitYen();
        credits[l] = lines.get(j).creditYen();
      }
    }
    batch.add(
        INSERT_ENTRIES,
        recordedAt,
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
        new ArrayParam("varchar", memos));
    batch.add(
        INSERT_LINES,
        new ArrayParam("uuid", lineEntries),
        new ArrayParam("int4", lineNumbers),
        new ArrayParam("varchar", accounts),
        new ArrayParam("int8", debits),
        new ArrayParam("int8", credits));
  }

  static String truncate(String memo) {
    return memo == null || memo.length() <= 1000 ? memo : memo.substring(0, 997) + "...";
  }
}
