package jp.grants.ledger.money.query;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A carry-over as recorded.
 *
 * @param paidMovedYen the part of the amount that was paid money not yet spent (the rest was unpaid
 *     allocation)
 * @param approved whether a program officer asked (and so approved) it; a yearly pool's carry-over
 *     always is
 */
public record CarryOverView(
    UUID carryOverId,
    UUID grantId,
    int fromFiscalYear,
    int toFiscalYear,
    long amountYen,
    long paidMovedYen,
    boolean approved,
    @Schema(
            nullable = true,
            description = "The program officer's reason; none for a fund's carry-over on request")
        String reason,
    UUID journalEntryId,
    OffsetDateTime recordedAt) {}
