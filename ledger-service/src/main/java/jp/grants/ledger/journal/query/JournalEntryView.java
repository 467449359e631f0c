package jp.grants.ledger.journal.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.JournalLine;

/** A journal entry with its balanced lines, as written. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntryView(
    UUID entryId,
    long position,
    EntryKind kind,
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
    OffsetDateTime recordedAt,
    List<JournalLine> lines) {}
