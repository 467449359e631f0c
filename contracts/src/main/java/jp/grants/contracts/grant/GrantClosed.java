package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/** The grant completed and was closed out; no more money moves. */
@SchemaVersion(1)
public record GrantClosed(UUID grantId, @Nullable String note) implements GrantEvent {}
