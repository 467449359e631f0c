package jp.grants.review.review.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.review.review.domain.ReviewStatus;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A review of one grant, from opening to its decision (decided again when the grant refused one).
 */
@Entity
@Table(name = "review")
public class ReviewEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "grant_id", nullable = false)
  public UUID grantId;

  @Column(name = "program_code", nullable = false)
  public String programCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ReviewKind kind;

  @Column(name = "fiscal_year", nullable = false)
  public int fiscalYear;

  @Column(name = "target_phase")
  public String targetPhase;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ReviewStatus status;

  @Column(name = "opened_at", nullable = false)
  public Instant openedAt;

  @Column(name = "opened_by_event", nullable = false)
  public String openedByEvent;

  @Enumerated(EnumType.STRING)
  public Recommendation recommendation;

  public String grade;

  public String rationale;

  @Column(name = "mean_score_hundredths")
  public Integer meanScoreHundredths;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public List<FiscalYearAmount> allocations = new ArrayList<>();

  @Column(name = "decided_by")
  public String decidedBy;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "withdrawn_reason")
  public String withdrawnReason;

  /** How many of the review's decisions the grant refused (each opened the review again). */
  @Column(nullable = false)
  public int round;

  @Version public long version;

  public static Optional<ReviewEntity> of(UUID grantId, ReviewKind kind, int fiscalYear) {
    return find("grantId = ?1 and kind = ?2 and fiscalYear = ?3", grantId, kind, fiscalYear)
        .firstResultOptional();
  }

  /** The review, locked against a concurrent decision or assignment until the transaction ends. */
  public static Optional<ReviewEntity> lock(UUID id) {
    return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** The program's open reviews, locked as {@link #lock} locks one, in the order of their ids. */
  public static List<ReviewEntity> lockOpenOfProgram(String programCode) {
    return find("programCode = ?1 and status = ?2 order by id", programCode, ReviewStatus.OPEN)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  public static List<ReviewEntity> openOfGrant(UUID grantId) {
    return list("grantId = ?1 and status = ?2", grantId, ReviewStatus.OPEN);
  }
}
