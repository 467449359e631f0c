package jp.grants.review.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import jp.grants.review.review.domain.FollowUpFigures;

/** A grant's annual follow-up figures for one fiscal year, as the grant reported them. */
@Entity
@Table(name = "follow_up_report")
@IdClass(FollowUpReportEntity.Key.class)
public class FollowUpReportEntity extends PanacheEntityBase {
  @Id
  @Column(name = "grant_id")
  public UUID grantId;

  @Id
  @Column(name = "fiscal_year")
  public int fiscalYear;

  @Column(name = "principal_investigators", nullable = false)
  public int principalInvestigators;

  @Column(name = "total_staff", nullable = false)
  public int totalStaff;

  @Column(nullable = false)
  public int researchers;

  @Column(name = "researchers_from_abroad", nullable = false)
  public int researchersFromAbroad;

  public String narrative;

  @Column(name = "reported_at", nullable = false)
  public Instant reportedAt;

  /** The latest report for a fiscal year up to the given one. */
  public static Optional<FollowUpReportEntity> latest(UUID grantId, int upToFiscalYear) {
    return find("grantId = ?1 and fiscalYear <= ?2 order by fiscalYear desc", grantId, upToFiscalYear)
        .firstResultOptional();
  }

  public static Optional<FollowUpReportEntity> of(UUID grantId, int fiscalYear) {
    return find("grantId = ?1 and fiscalYear = ?2", grantId, fiscalYear).firstResultOptional();
  }

  public FollowUpFigures figures() {
    return new FollowUpFigures(fiscalYear, principalInvestigators, totalStaff, researchers, researchersFromAbroad);
  }

  /** The composite key: one report per grant and fiscal year. */
  public static class Key implements Serializable {
    public UUID grantId;
    public int fiscalYear;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && fiscalYear == key.fiscalYear && Objects.equals(grantId, key.grantId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(grantId, fiscalYear);
    }
  }
}
