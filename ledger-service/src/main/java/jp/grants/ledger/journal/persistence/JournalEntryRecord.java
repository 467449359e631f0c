package jp.grants.ledger.journal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.grants.ledger.journal.EntryKind;
import org.hibernate.annotations.Immutable;

/** A journal entry as stored; the table refuses updates and deletes. */
@Entity
@Immutable
@Table(name = "journal_entry")
public class JournalEntryRecord extends PanacheEntityBase {
  @Id
  @Column(name = "entry_id")
  public UUID entryId;

  /** Assigned by the database: the order in which entries were written. */
  @Column(name = "position", insertable = false, updatable = false)
  public Long position;

  @Enumerated(EnumType.STRING)
  public EntryKind kind;

  @Column(name = "grant_id")
  public UUID grantId;

  @Column(name = "budget_pool")
  public String budgetPool;

  @Column(name = "fiscal_year")
  public Integer fiscalYear;

  @Column(name = "disbursement_id")
  public UUID disbursementId;

  @Column(name = "amount_yen")
  public long amountYen;

  @Embedded public ProvenanceColumns provenance;

  public String memo;

  @Column(name = "recorded_at")
  public OffsetDateTime recordedAt;
}
