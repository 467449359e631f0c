package jp.grants.ledger.budget.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import jp.grants.ledger.budget.domain.BudgetSource;
import org.hibernate.annotations.DynamicUpdate;

/** A budget pool's budget for one fiscal year and what was disbursed from it. */
@Entity
@DynamicUpdate
@IdClass(ProgramYear.Key.class)
@Table(name = "program_year")
public class ProgramYear extends PanacheEntityBase {
  /** The composite key (pool, fiscal year). */
  public record Key(String budgetPool, int fiscalYear) implements Serializable {}

  @Id
  @Column(name = "budget_pool")
  public String budgetPool;

  @Id
  @Column(name = "fiscal_year")
  public int fiscalYear;

  @Column(name = "budget_yen")
  public long budgetYen;

  @Column(name = "disbursed_yen")
  public long disbursedYen;

  @Enumerated(EnumType.STRING)
  @Column(name = "budget_source")
  public BudgetSource budgetSource;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  public static ProgramYear find(String pool, int fiscalYear) {
    return findById(new Key(pool, fiscalYear));
  }

  public static ProgramYear lock(String pool, int fiscalYear) {
    return findById(new Key(pool, fiscalYear), LockModeType.PESSIMISTIC_WRITE);
  }
}
