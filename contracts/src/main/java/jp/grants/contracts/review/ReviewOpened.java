package jp.grants.contracts.review;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/** A review was opened for a grant (from a grant event that calls for one). */
@SchemaVersion(1)
public record ReviewOpened(
    UUID reviewId, UUID grantId, String programCode, ReviewKind kind, int fiscalYear)
    implements ReviewEvent {}
