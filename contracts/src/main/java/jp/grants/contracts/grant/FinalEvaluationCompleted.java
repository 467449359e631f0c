package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/** The final evaluation ended with a grade (S, A, B or C) and its summary. */
@SchemaVersion(1)
public record FinalEvaluationCompleted(
    UUID grantId, int fiscalYear, String grade, @Nullable String summary, @Nullable UUID reviewId)
    implements GrantEvent {}
