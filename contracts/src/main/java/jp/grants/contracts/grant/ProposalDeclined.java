package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/** After selection review, the program decided not to fund the proposal. */
@SchemaVersion(1)
public record ProposalDeclined(UUID grantId, String reason, @Nullable UUID reviewId)
    implements GrantEvent {}
