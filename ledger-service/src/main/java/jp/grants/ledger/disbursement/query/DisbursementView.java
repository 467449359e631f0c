package jp.grants.ledger.disbursement.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.persistence.Disbursement;

/**
 * A disbursement and the ledger's answer. For an accepted one, the headroom left under each cap
 * right after it; for a refused one, the rule, the cap and the headroom that refused it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisbursementView(
    UUID disbursementId,
    UUID grantId,
    String programCode,
    String budgetPool,
    int fiscalYear,
    long amountYen,
    ExpenseCategory expenseCategory,
    String purpose,
    DisbursementStatus status,
    UUID journalEntryId,
    Long grantYearHeadroomYen,
    Long grantTotalHeadroomYen,
    Long programYearHeadroomYen,
    Long indirectCostYen,
    String rule,
    CapLevel capLevel,
    Long headroomYen,
    String reason,
    Channel channel,
    String requestedBy,
    String correlationId,
    OffsetDateTime recordedAt) {

  public static DisbursementView of(Disbursement d) {
    return new DisbursementView(
        d.disbursementId,
        d.grantId,
        d.programCode,
        d.budgetPool,
        d.fiscalYear,
        d.amountYen,
        d.expenseCategory,
        d.purpose,
        d.status,
        d.journalEntryId,
        d.grantYearHeadroomYen,
        d.grantTotalHeadroomYen,
        d.programYearHeadroomYen,
        d.indirectCostYen,
        d.rule,
        d.capLevel,
        d.headroomYen,
        d.reason,
        d.channel,
        d.requestedBy,
        d.provenance.correlationId,
        d.recordedAt);
  }
}
