package jp.grants.ledger.disbursement.persistence;

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
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.journal.persistence.ProvenanceColumns;
import org.hibernate.annotations.Immutable;

/**
 * A disbursement request and the ledger's answer, written once. Its id is the idempotency key: the
 * primary key makes a second effect impossible.
 */
@Entity
@Immutable
@Table(name = "disbursement")
public class Disbursement extends PanacheEntityBase {
  @Id
  @Column(name = "disbursement_id")
  public UUID disbursementId;

  @Column(name = "grant_id")
  public UUID grantId;

  @Column(name = "program_code")
  public String programCode;

  @Column(name = "budget_pool")
  public String budgetPool;

  @Column(name = "fiscal_year")
  public int fiscalYear;

  @Column(name = "amount_yen")
  public long amountYen;

  @Enumerated(EnumType.STRING)
  @Column(name = "expense_category")
  public ExpenseCategory expenseCategory;

  public String purpose;

  @Enumerated(EnumType.STRING)
  public DisbursementStatus status;

  public String rule;

  @Enumerated(EnumType.STRING)
  @Column(name = "cap_level")
  public CapLevel capLevel;

  /** For a refusal: what was left under the cap that refused it. */
  @Column(name = "headroom_yen")
  public Long headroomYen;

  public String reason;

  @Column(name = "journal_entry_id")
  public UUID journalEntryId;

  /** For an accepted disbursement: what was left under each cap right after it. */
  @Column(name = "grant_year_headroom_yen")
  public Long grantYearHeadroomYen;

  @Column(name = "grant_total_headroom_yen")
  public Long grantTotalHeadroomYen;

  @Column(name = "program_year_headroom_yen")
  public Long programYearHeadroomYen;

  /**
   * For an accepted disbursement: the indirect costs paid with it (null for payments before they
   * were paid).
   */
  @Column(name = "indirect_cost_yen")
  public Long indirectCostYen;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  /** Who asked: the actor of the DisbursementRequested event, or the caller of the REST API. */
  @Column(name = "requested_by")
  public String requestedBy;

  @Embedded public ProvenanceColumns provenance;

  /** The id of the FundsDisbursed or DisbursementRejected event that answered it. */
  @Column(name = "answer_event_id")
  public String answerEventId;

  @Column(name = "recorded_at")
  public OffsetDateTime recordedAt;
}
