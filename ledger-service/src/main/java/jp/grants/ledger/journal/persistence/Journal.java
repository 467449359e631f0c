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
 * only if the movement it describes is. The entry and its lines go in one round trip ({@link
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
    StatementBatch batch = new StatementBatch();
    JournalRows.addTo(
        batch,
        List.of(new JournalRows.Row(entryId, entry, subject, provenance)),
        OffsetDateTime.now(ZoneOffset.UTC));
    // On the session's own connection, after what the session has pending (the rows the entry is
    // about).
    Session session = em.unwrap(Session.class);
    session.flush();
    session.doWork(batch::execute);
    return entryId;
  }
}
