package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant's principal investigator (a WPI center's director) was replaced (代表者交替) from {@code
 * effectiveDate}, for {@code reason}. {@code previous} is who held the role until then. Reviews
 * check conflicts of interest against the new one from this event on.
 */
@SchemaVersion(1)
public record PrincipalInvestigatorChanged(
    UUID grantId,
    Investigator previous,
    Investigator principalInvestigator,
    LocalDate effectiveDate,
    String reason)
    implements GrantEvent {}
