package jp.grants.ledger.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** A grant's allocation for one fiscal year and what was disbursed from it. */
@Entity
@DynamicUpdate
@IdClass(GrantYear.Key.class)
@Table(name = "grant_year")
public class GrantYear extends PanacheEntityBase {
  /** The composite key (grant, fiscal year). */
  public record Key(UUID grantId, int fiscalYear) implements Serializable {}

  @Id
  @Column(name = "grant_id")
  public UUID grantId;

  @Id
  @Column(name = "fiscal_year")
  public int fiscalYear;

  @Column(name = "allocation_yen")
  public long allocationYen;

  @Column(name = "disbursed_yen")
  public long disbursedYen;

  // Written by the disbursement engine only (carry-overs, refunds, indirect costs); read here.
  @Column(name = "carried_in_yen", insertable = false, updatable = false)
  public long carriedInYen;

  @Column(name = "carried_out_yen", insertable = false, updatable = false)
  public long carriedOutYen;

  @Column(name = "paid_carried_in_yen", insertable = false, updatable = false)
  public long paidCarriedInYen;

  @Column(name = "paid_carried_out_yen", insertable = false, updatable = false)
  public long paidCarriedOutYen;

  @Column(name = "indirect_yen", insertable = false, updatable = false)
  public long indirectYen;

  @Column(name = "refunded_yen", insertable = false, updatable = false)
  public long refundedYen;

  @Column(name = "indirect_refunded_yen", insertable = false, updatable = false)
  public long indirectRefundedYen;

  @Column(name = "additional_charge_yen", insertable = false, updatable = false)
  public long additionalChargeYen;

  public static List<GrantYear> of(UUID grantId) {
    return list("grantId = ?1 order by fiscalYear", grantId);
  }
}
