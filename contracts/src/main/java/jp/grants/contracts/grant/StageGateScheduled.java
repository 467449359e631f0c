package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/** A stage gate (step-up review) was scheduled for the grant. */
@SchemaVersion(1)
public record StageGateScheduled(
    UUID grantId, String programCode, int fiscalYear, LocalDate scheduledOn, String targetPhase)
    implements GrantEvent {}
