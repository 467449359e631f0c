package jp.grants.contracts.grant;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * A closed WPI center was granted World Premier Status from {@code effectiveDate} and is a WPI
 * Academy center (アカデミー拠点) from then on: in the network, without program money, reporting yearly.
 * {@code finalEvaluationGrade} is the grade of the final evaluation it was granted on.
 */
@SchemaVersion(1)
public record WorldPremierStatusGranted(
    UUID grantId, LocalDate effectiveDate, String finalEvaluationGrade, String reason)
    implements GrantEvent {}
