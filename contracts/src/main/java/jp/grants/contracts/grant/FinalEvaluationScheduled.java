package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/** A final evaluation (最終評価) of the grant was opened. */
@SchemaVersion(1)
public record FinalEvaluationScheduled(UUID grantId, String programCode, int fiscalYear)
    implements GrantEvent {}
