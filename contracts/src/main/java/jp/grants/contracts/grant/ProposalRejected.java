package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/** The proposal failed screening (incomplete or ineligible) and will not be reviewed. */
@SchemaVersion(1)
public record ProposalRejected(UUID grantId, @Nullable String reason) implements GrantEvent {}
