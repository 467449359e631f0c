package jp.grants.review.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import jp.grants.catalog.FollowUpFigures;
import jp.grants.contracts.grant.RequirementShortfall;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

  /**
   * The requirements of the grant's phase the figures missed, as grant-service recorded them; null
   * if not recorded.
   */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public List<RequirementShortfall> shortfalls;

  @Column(name = "reported_at", nullable = false)
  public Instant reportedAt;

  /** The latest report for a fiscal year up to the given one. */
  public static Optional<FollowUpReportEntity> latest(UUID grantId, int upToFiscalYear) {
    return find(
            "grantId = ?1 and fiscalYear <= ?2 order by fiscalYear desc", grantId, upToFiscalYear)
        .firstResultOptional();
  }

  /**
   * The reports up to a fiscal year that fell short of their phase's requirements, oldest first.
   */
  public static List<FollowUpReportEntity> belowRequirements(UUID grantId, int upToFiscalYear) {
    List<FollowUpReportEntity> reports =
        list("grantId = ?1 and fiscalYear <= ?2 order by fiscalYear", grantId, upToFiscalYear);
    return reports.stream().filter(r -> r.shortfalls != null && !r.shortfalls.isEmpty()).toList();
  }

  public static Optional<FollowUpReportEntity> of(UUID grantId, int fiscalYear) {
    return find("grantId = ?1 and fiscalYear = ?2", grantId, fiscalYear).firstResultOptional();
  }

  public FollowUpFigures figures() {
    return new FollowUpFigures(
        fiscalYear, principalInvestigators, totalStaff, researchers, researchersFromAbroad);
  }

  /** The composite key: one report per grant and fiscal year. */
  public static class Key implements Serializable {
    public UUID grantId;
    public int fiscalYear;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && fiscalYear == key.fiscalYear
          && Objects.equals(grantId, key.grantId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(grantId, fiscalYear);
    }
  }
}
