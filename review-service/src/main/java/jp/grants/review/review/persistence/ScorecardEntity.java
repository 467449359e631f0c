package jp.grants.review.review.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.review.review.domain.AxisScore;

/** One assigned reviewer's scores on every axis of a review's program. */
@Entity
@Table(name = "scorecard")
public class ScorecardEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "assignment_id", nullable = false)
  public UUID assignmentId;

  @Column(name = "review_id", nullable = false)
  public UUID reviewId;

  @Column(name = "reviewer_id", nullable = false)
  public UUID reviewerId;

  @Column(name = "submitted_at", nullable = false)
  public Instant submittedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "scorecard_score", joinColumns = @JoinColumn(name = "scorecard_id"))
  public List<ScoreEntry> scores = new ArrayList<>();

  public static List<ScorecardEntity> ofReview(UUID reviewId) {
    return list("reviewId = ?1 order by submittedAt", reviewId);
  }

  public static Optional<ScorecardEntity> of(UUID reviewId, UUID reviewerId) {
    return find("reviewId = ?1 and reviewerId = ?2", reviewId, reviewerId).firstResultOptional();
  }

  public List<AxisScore> axisScores() {
    return scores.stream().map(ScoreEntry::toDomain).toList();
  }
}
