package jp.grants.ledger.journal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One line of a stored journal entry; the table refuses updates and deletes. */
@Entity
@Immutable
@IdClass(JournalLineRecord.Key.class)
@Table(name = "journal_line")
public class JournalLineRecord extends PanacheEntityBase {
  /** The composite key (entry, line number). */
  public record Key(UUID entryId, int lineNo) implements Serializable {}

  @Id
  @Column(name = "entry_id")
  public UUID entryId;

  @Id
  @Column(name = "line_no")
  public int lineNo;

  public String account;

  @Column(name = "debit_yen")
  public long debitYen;

  @Column(name = "credit_yen")
  public long creditYen;
}
