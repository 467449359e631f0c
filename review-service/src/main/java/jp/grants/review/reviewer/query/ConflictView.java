package jp.grants.review.reviewer.query;

import java.time.Instant;
import java.util.UUID;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.reviewer.persistence.DeclaredConflictEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A conflict a reviewer declared. */
public record ConflictView(
    UUID id,
    UUID reviewerId,
    ConflictKind kind,
    String value,
    @Schema(nullable = true, description = "Why; optional") String reason,
    Instant declaredAt,
    String declaredBy) {

  public static ConflictView of(DeclaredConflictEntity conflict) {
    return new ConflictView(
        conflict.id,
        conflict.reviewerId,
        conflict.kind,
        conflict.value,
        conflict.reason,
        conflict.declaredAt,
        conflict.declaredBy);
  }
}
