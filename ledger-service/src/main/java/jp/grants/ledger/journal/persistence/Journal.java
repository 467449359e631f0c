package jp.grants.ledger.journal.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.JournalLine;
import jp.grants.ledger.journal.Provenance;

/**
 * Appends entries to the journal in the caller's transaction, so that an entry is stored if and
 * only if the movement it describes is.
 */
@ApplicationScoped
public class Journal {

  /** What an entry is about: any of these may be null. */
  public record Subject(UUID grantId, String budgetPool, Integer fiscalYear, UUID disbursementId) {
    public static Subject budget(String pool, int fiscalYear) {
      return new Subject(null, pool, fiscalYear, null);
    }

    public static Subject grant(UUID grantId, String pool) {
      return new Subject(grantId, pool, null, null);
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public UUID append(JournalEntry entry, Subject subject, Provenance provenance) {
    JournalEntryRecord record = new JournalEntryRecord();
    record.entryId = UUID.randomUUID();
    record.kind = entry.kind();
    record.grantId = subject.grantId();
    record.budgetPool = subject.budgetPool();
    record.fiscalYear = subject.fiscalYear();
    record.disbursementId = subject.disbursementId();
    record.amountYen = entry.amountYen();
    record.provenance = ProvenanceColumns.of(provenance);
    record.memo = truncate(entry.memo());
    record.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
    record.persist();
    List<JournalLine> lines = entry.lines();
    for (int i = 0; i < lines.size(); i++) {
      JournalLineRecord line = new JournalLineRecord();
      line.entryId = record.entryId;
      line.lineNo = i + 1;
      line.account = lines.get(i).account();
      line.debitYen = lines.get(i).debitYen();
      line.creditYen = lines.get(i).creditYen();
      line.persist();
    }
    return record.entryId;
  }

  private static String truncate(String memo) {
    return memo == null || memo.length() <= 1000 ? memo : memo.substring(0, 997) + "...";
  }
}
