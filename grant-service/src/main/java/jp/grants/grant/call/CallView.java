package jp.grants.grant.call;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A call for proposals as it stands: its program, fiscal year, dates and planned awards, how many
 * proposals it received and how many grants were awarded from it.
 *
 * @param fiscalYear the fiscal year the grants awarded from it start in
 * @param status SCHEDULED before its opening date, OPEN from then through its closing date, CLOSED
 *     after it or once a program officer closed it (Japan time)
 * @param version the number of the call's last event (its ETag)
 */
public record CallView(
    UUID callId,
    String programCode,
    int fiscalYear,
    String title,
    @Schema(
            nullable = true,
            description = "The partner-country funding agency of a joint call; none otherwise")
        String partnerAgency,
    LocalDate opensOn,
    LocalDate closesOn,
    int plannedAwards,
    int awarded,
    int proposals,
    CallStatus status,
    @Schema(nullable = true, description = "The day a program officer closed it early")
        LocalDate closedOn,
    @Schema(nullable = true, description = "Why it was closed early") String closeReason,
    long version,
    String openedBy,
    Instant openedAt) {}
