package jp.grants.ledger.journal.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.persistence.StatementBatch;
import org.hibernate.Session;

/**
 * Appends entries to the journal in the caller's transaction, so that an entry is stored if and
 * only if the movement it describes is. Two round trips: the chain's head is locked and read
 * ({@link ChainHeads}), then the entry, its lines and the new head are written ({@link
 * JournalRows}).
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

  @Inject EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public UUID append(JournalEntry entry, Subject subject, Provenance provenance) {
    UUID entryId = UUID.randomUUID();
    List<JournalRows.Row> rows = List.of(new JournalRows.Row(entryId, entry, subject, provenance));
    // On the session's own connection, after what the session has pending (the rows the entry is
    // about, whose locks are taken before the chain's).
    Session session = em.unwrap(Session.class);
    session.flush();
    session.doWork(
        c -> {
          ChainHeads heads = ChainHeads.lock(c, JournalRows.chains(rows));
          StatementBatch batch = new StatementBatch();
          JournalRows.addTo(batch, rows, OffsetDateTime.now(ZoneOffset.UTC), heads);
          batch.execute(c);
        });
    return entryId;
  }
}
