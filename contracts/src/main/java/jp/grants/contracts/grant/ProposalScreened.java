package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/** The program office found the proposal complete and eligible; it goes to selection review. */
@SchemaVersion(1)
public record ProposalScreened(UUID grantId, String programCode, @Nullable String note)
    implements GrantEvent {}
