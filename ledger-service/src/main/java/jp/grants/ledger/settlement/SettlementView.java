package jp.grants.ledger.settlement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A grant's final settlement (額の確定).
 *
 * @param finalAmountYen the direct costs the grant keeps: Σ over its years of what each holds
 * @param finalIndirectCostYen the indirect costs it keeps: Σ (indirect paid − indirect refunded)
 * @param paidYen gross direct payments (accepted disbursements)
 * @param journalEntryId the GRANT_SETTLED entry; null when nothing was kept (final amounts both 0)
 */
public record SettlementView(
    UUID settlementId,
    UUID grantId,
    String programCode,
    long finalAmountYen,
    long finalIndirectCostYen,
    long paidYen,
    long refundedYen,
    long additionalChargeYen,
    List<FiscalYearAmount> finalByFiscalYear,
    @Schema(nullable = true, description = "The GRANT_SETTLED entry; none when nothing was kept")
        UUID journalEntryId,
    String actor,
    OffsetDateTime recordedAt) {}
