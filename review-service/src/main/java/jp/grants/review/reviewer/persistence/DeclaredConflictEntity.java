package jp.grants.review.reviewer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.conflict.domain.DeclaredConflict;

/** A conflict of interest a reviewer declared. */
@Entity
@Table(name = "reviewer_conflict")
public class DeclaredConflictEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "reviewer_id", nullable = false)
  public UUID reviewerId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ConflictKind kind;

  @Column(nullable = false)
  public String value;

  @Column(name = "normalized_value", nullable = false)
  public String normalizedValue;

  public String reason;

  @Column(name = "declared_at", nullable = false)
  public Instant declaredAt;

  @Column(name = "declared_by", nullable = false)
  public String declaredBy;

  public static List<DeclaredConflictEntity> ofReviewer(UUID reviewerId) {
    return list("reviewerId = ?1 order by declaredAt", reviewerId);
  }

  /** The declarations of several reviewers, read in one query. */
  public static List<DeclaredConflictEntity> ofReviewers(Collection<UUID> reviewerIds) {
    return reviewerIds.isEmpty()
        ? List.of()
        : list("reviewerId in ?1 order by declaredAt", reviewerIds);
  }

  public DeclaredConflict toDomain() {
    return new DeclaredConflict(kind, value);
  }
}
