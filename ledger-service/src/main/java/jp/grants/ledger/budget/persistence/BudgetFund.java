package jp.grants.ledger.budget.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import jp.grants.ledger.budget.domain.BudgetSource;
import org.hibernate.annotations.DynamicUpdate;

/** A fund pool's total over its term and what was drawn from it (direct and indirect costs). */
@Entity
@DynamicUpdate
@Table(name = "budget_fund")
public class BudgetFund extends PanacheEntityBase {
  @Id
  @Column(name = "budget_pool")
  public String budgetPool;

  @Column(name = "total_yen")
  public long totalYen;

  @Column(name = "disbursed_yen")
  public long disbursedYen;

  @Column(name = "first_fiscal_year")
  public int firstFiscalYear;

  @Column(name = "last_fiscal_year")
  public int lastFiscalYear;

  @Enumerated(EnumType.STRING)
  @Column(name = "budget_source")
  public BudgetSource budgetSource;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  public static BudgetFund lock(String pool) {
    return findById(pool, LockModeType.PESSIMISTIC_WRITE);
  }
}
