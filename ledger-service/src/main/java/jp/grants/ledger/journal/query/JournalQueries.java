package jp.grants.ledger.journal.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.grants.ledger.journal.JournalLine;
import jp.grants.ledger.journal.persistence.JournalEntryRecord;
import jp.grants.ledger.journal.persistence.JournalLineRecord;

/** Reads the journal: a grant's entries in the order written, and account balances. */
@ApplicationScoped
public class JournalQueries {
  @Inject EntityManager em;

  public List<JournalEntryView> ofGrant(UUID grantId) {
    List<JournalEntryRecord> entries =
        JournalEntryRecord.list("grantId = ?1 order by position", grantId);
    if (entries.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = entries.stream().map(e -> e.entryId).toList();
    Map<UUID, List<JournalLine>> lines =
        JournalLineRecord.<JournalLineRecord>list("entryId in ?1 order by entryId, lineNo", ids)
            .stream()
            .collect(
                Collectors.groupingBy(
                    l -> l.entryId,
                    LinkedHashMap::new,
                    Collectors.mapping(
                        l -> new JournalLine(l.account, l.debitYen, l.creditYen),
                        Collectors.toList())));
    List<JournalEntryView> views = new ArrayList<>();
    for (JournalEntryRecord e : entries) {
      views.add(
          new JournalEntryView(
              e.entryId,
              e.position,
              e.kind,
              e.grantId,
              e.budgetPool,
              e.fiscalYear,
              e.disbursementId,
              e.amountYen,
              e.provenance.actor,
              e.provenance.actorRole,
              e.provenance.correlationId,
              e.provenance.causationId,
              e.memo,
              e.recordedAt,
              lines.getOrDefault(e.entryId, List.of())));
    }
    return views;
  }

  /** The balance (debits - credits) of one account: for a cap's account, its headroom. */
  public long balance(String account) {
    Number balance =
        (Number)
            em.createNativeQuery(
                    "SELECT coalesce(sum(debit_yen - credit_yen), 0) FROM journal_line WHERE account = ?1")
                .setParameter(1, account)
                .getSingleResult();
    return balance.longValue();
  }
}
