package jp.grants.review.review.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A reviewer assigned to a review. */
@Entity
@Table(name = "review_assignment")
public class AssignmentEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "review_id", nullable = false)
  public UUID reviewId;

  @Column(name = "reviewer_id", nullable = false)
  public UUID reviewerId;

  @Column(name = "assigned_at", nullable = false)
  public Instant assignedAt;

  @Column(name = "assigned_by", nullable = false)
  public String assignedBy;

  public static List<AssignmentEntity> ofReview(UUID reviewId) {
    return list("reviewId = ?1 order by assignedAt", reviewId);
  }

  public static List<AssignmentEntity> ofReviewer(UUID reviewerId) {
    return list("reviewerId", reviewerId);
  }

  public static Optional<AssignmentEntity> of(UUID reviewId, UUID reviewerId) {
    return find("reviewId = ?1 and reviewerId = ?2", reviewId, reviewerId).firstResultOptional();
  }
}
