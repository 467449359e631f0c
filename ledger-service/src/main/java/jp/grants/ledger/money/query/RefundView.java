package jp.grants.ledger.money.query;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.RefundKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A refund as recorded: the direct amount returned, the indirect costs that came back with it, and
 * the additional charge of an ordered return with how it was computed (one line per payment part).
 */
public record RefundView(
    UUID refundId,
    UUID grantId,
    int fiscalYear,
    RefundKind kind,
    long amountYen,
    long indirectCostYen,
    long additionalChargeYen,
    List<ChargeLine> chargeDetail,
    @Schema(
            nullable = true,
            description = "The reason; an ordered refund gives one, a voluntary one may not")
        String reason,
    UUID journalEntryId,
    OffsetDateTime recordedAt) {

  /** A part of the returned amount, counted as received with one payment, and the charge on it. */
  public record ChargeLine(
      UUID disbursementId, LocalDate paidOn, long amountYen, long days, long chargeYen) {}
}
