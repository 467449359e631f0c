package jp.grants.review.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.review.conflict.domain.GrantParties;
import jp.grants.review.review.domain.GrantTerm;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * This service's view of a grant, kept from grant-events: the parties that conflicts of interest
 * are checked against, and the grant's program, term, phase and status.
 */
@Entity
@Table(name = "grant_view")
public class GrantViewEntity extends PanacheEntityBase {
  @Id
  @Column(name = "grant_id")
  public UUID grantId;

  @Column(name = "program_code", nullable = false)
  public String programCode;

  @Column(nullable = false)
  public String title;

  @Column(name = "applicant_id")
  public String applicantId;

  @Column(name = "pi_name")
  public String piName;

  @Column(name = "pi_institution")
  public String piInstitution;

  @Column(name = "pi_country")
  public String piCountry;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "host_institutions", nullable = false, columnDefinition = "jsonb")
  public List<String> hostInstitutions = new ArrayList<>();

  @Column(name = "start_fiscal_year", nullable = false)
  public int startFiscalYear;

  @Column(name = "duration_years", nullable = false)
  public int durationYears;

  public String phase;

  /**
   * The proposal's planned figures (ProposalSubmitted.plannedFigures); null where it stated none.
   */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "planned_figures", columnDefinition = "jsonb")
  public CenterFigures plannedFigures;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public GrantStatus status;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /**
   * The catalog version the grant's rules come from: the {@code catalogversion} of its latest event
   * (pinned at submission, moved by GrantCatalogMigrated); null if its events predate versioning.
   */
  @Column(name = "catalog_version")
  public String catalogVersion;

  public GrantParties parties() {
    return new GrantParties(grantId, piName, piInstitution, List.copyOf(hostInstitutions));
  }

  public GrantTerm term() {
    return new GrantTerm(startFiscalYear, durationYears);
  }
}
