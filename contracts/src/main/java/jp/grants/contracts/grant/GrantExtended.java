package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant was extended (e.g. WPI: up to 5 more years at up to 300,000,000 yen a year). The
 * allocations are those of the extension years.
 */
@SchemaVersion(1)
public record GrantExtended(
    UUID grantId,
    int additionalYears,
    int endFiscalYear,
    String phase,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen)
    implements GrantEvent {}
