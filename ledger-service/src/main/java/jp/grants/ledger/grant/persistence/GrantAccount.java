package jp.grants.ledger.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.grant.domain.GrantStatus;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A grant as the ledger knows it, with its total cap. {@code disbursedYen} only ever changes
 * through the conditional update of the disbursement flow; Hibernate writes just the columns an
 * event handler changed ({@link DynamicUpdate}).
 */
@Entity
@DynamicUpdate
@Table(name = "grant_account")
public class GrantAccount extends PanacheEntityBase {
  @Id
  @Column(name = "grant_id")
  public UUID grantId;

  @Column(name = "program_code")
  public String programCode;

  @Column(name = "budget_pool")
  public String budgetPool;

  public String phase;

  @Enumerated(EnumType.STRING)
  public GrantStatus status;

  @Column(name = "start_fiscal_year")
  public int startFiscalYear;

  @Column(name = "end_fiscal_year")
  public int endFiscalYear;

  @Column(name = "last_fiscal_year")
  public Integer lastFiscalYear;

  @Column(name = "total_cap_yen")
  public long totalCapYen;

  @Column(name = "disbursed_yen")
  public long disbursedYen;

  /**
   * Indirect costs paid with the grant's payments (gross); written by the disbursement engine only.
   */
  @Column(name = "indirect_yen", insertable = false, updatable = false)
  public long indirectYen;

  /** Set by the settlement (額の確定); after it no money of the grant moves. */
  @Column(name = "settled_at", insertable = false, updatable = false)
  public OffsetDateTime settledAt;

  @Convert(converter = ExpenseCategoriesConverter.class)
  @Column(name = "eligible_expenses")
  public Set<ExpenseCategory> eligibleExpenses;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  /**
   * The grant, locked against every disbursement of it until the transaction ends: each
   * disbursement updates this row first, so an event handler holding the lock sees figures that
   * cannot move under it.
   */
  public static GrantAccount lock(UUID grantId) {
    return findById(grantId, LockModeType.PESSIMISTIC_WRITE);
  }
}
