package jp.grants.review.review.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.Recommendation;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A decision of the committee that the grant refused, kept when the review opened again. */
@Entity
@Table(name = "review_refused_decision")
@IdClass(RefusedDecisionEntity.Key.class)
public class RefusedDecisionEntity extends PanacheEntityBase {
  /** The composite key: the review and the round its decision was refused in. */
  public static class Key implements Serializable {
    public UUID reviewId;
    public int round;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.round == round && Objects.equals(k.reviewId, reviewId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reviewId, round);
    }
  }

  @Id
  @Column(name = "review_id")
  public UUID reviewId;

  @Id public int round;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Recommendation recommendation;

  public String grade;

  @Column(nullable = false)
  public String rationale;

  @Column(name = "mean_score_hundredths")
  public Integer meanScoreHundredths;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public List<FiscalYearAmount> allocations = new ArrayList<>();

  @Column(name = "decided_by", nullable = false)
  public String decidedBy;

  @Column(name = "decided_at", nullable = false)
  public Instant decidedAt;

  @Column(name = "decision_event_id", nullable = false)
  public String decisionEventId;

  @Column(name = "refused_rule", nullable = false)
  public String refusedRule;

  @Column(name = "refused_reason", nullable = false)
  public String refusedReason;

  @Column(name = "refused_at", nullable = false)
  public Instant refusedAt;

  public static List<RefusedDecisionEntity> ofReview(UUID reviewId) {
    return list("reviewId = ?1 order by round", reviewId);
  }
}
