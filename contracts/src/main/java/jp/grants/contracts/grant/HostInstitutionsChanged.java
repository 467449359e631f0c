package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant's host institutions changed from {@code effectiveDate}: moved to another institution,
 * or (Multiple Host WPI) a host added or removed, within the program's host rule. {@code
 * hostInstitutions} is the whole new list, {@code previous} the list until then.
 */
@SchemaVersion(1)
public record HostInstitutionsChanged(
    UUID grantId,
    List<String> previous,
    List<String> hostInstitutions,
    LocalDate effectiveDate,
    String reason)
    implements GrantEvent {}
