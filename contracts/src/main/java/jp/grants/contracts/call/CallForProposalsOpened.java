package jp.grants.contracts.call;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * A program officer opened a call for proposals of a program for a fiscal year.
 *
 * @param fiscalYear the fiscal year the grants awarded from the call start in (採択年度)
 * @param opensOn the first day proposals are accepted (Japan time)
 * @param closesOn the last day proposals are accepted (Japan time), inclusive
 * @param plannedAwards how many grants the funder plans to award from the call (採択予定件数)
 * @param partnerAgency the partner-country funding agency of a joint call (共同公募), e.g. {@code NSF};
 *     null for a call of the funder alone
 */
@SchemaVersion(1)
public record CallForProposalsOpened(
    UUID callId,
    String programCode,
    int fiscalYear,
    String title,
    LocalDate opensOn,
    LocalDate closesOn,
    int plannedAwards,
    @Nullable String partnerAgency)
    implements CallEvent {}
