package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/** An interim evaluation (中間評価) of the grant was opened. */
@SchemaVersion(1)
public record InterimEvaluationScheduled(UUID grantId, String programCode, int fiscalYear)
    implements GrantEvent {}
