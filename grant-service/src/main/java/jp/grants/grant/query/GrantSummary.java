package jp.grants.grant.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of the grant list read model. Written only by {@link GrantProjection}. */
@Entity
@Table(name = "grant_summary")
public class GrantSummary extends PanacheEntityBase {
  @Id
  @Column(name = "grant_id")
  public UUID grantId;

  @Column(name = "program_code")
  public String programCode;

  public String status;

  @Schema(nullable = true, description = "The current phase; none before the award")
  public String phase;

  public String title;

  @Column(name = "applicant_id")
  public String applicantId;

  @Column(name = "pi_name")
  public String piName;

  @Column(name = "pi_institution")
  public String piInstitution;

  @Column(name = "start_fiscal_year")
  public int startFiscalYear;

  @Column(name = "end_fiscal_year")
  public int endFiscalYear;

  @Column(name = "total_awarded_yen")
  public long totalAwardedYen;

  /** Paid less refunded (V7: refunds net). */
  @Column(name = "disbursed_yen")
  public long disbursedYen;

  /** Indirect costs paid less those refunded. */
  @Column(name = "indirect_cost_yen")
  public long indirectCostYen;

  @Column(name = "refunded_yen")
  public long refundedYen;

  /** Whether the ledger settled the grant's final amount (額の確定). */
  public boolean settled;

  /** The settled final amount of direct costs; null before the settlement. */
  @Column(name = "final_amount_yen")
  @Schema(nullable = true, description = "The final amount once closed out; none before")
  public Long finalAmountYen;

  /** The call for proposals it was submitted to; null outside a call. */
  @Column(name = "call_id")
  @Schema(nullable = true, description = "The call for proposals it answers; none outside a call")
  public UUID callId;

  public long version;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
