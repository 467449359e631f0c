package jp.grants.review.grant.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantCatalogMigrated;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.HostInstitutionsChanged;
import jp.grants.contracts.grant.NoCostExtensionGranted;
import jp.grants.contracts.grant.PrincipalInvestigatorChanged;
import jp.grants.contracts.grant.ProposalDeclined;
import jp.grants.contracts.grant.ProposalRejected;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.review.grant.persistence.FollowUpReportEntity;
import jp.grants.review.grant.persistence.GrantStatus;
import jp.grants.review.grant.persistence.GrantViewEntity;
import org.jboss.logging.Logger;

/**
 * Keeps {@code grant_view} and {@code follow_up_report} from grant-events: the grant's parties for
 * conflict checks, its term, phase, status and catalog version, and its follow-up figures for
 * reviewers.
 */
@ApplicationScoped
public class GrantProjection {
  private static final Logger LOG = Logger.getLogger(GrantProjection.class);

  /** The event types this projection reads. */
  public static final List<Class<? extends GrantEvent>> EVENTS =
      List.of(
          ProposalSubmitted.class,
          ProposalScreened.class,
          ProposalRejected.class,
          GrantAwarded.class,
          ProposalDeclined.class,
          StageGatePassed.class,
          StageGateFailed.class,
          GrantExtended.class,
          NoCostExtensionGranted.class,
          PrincipalInvestigatorChanged.class,
          HostInstitutionsChanged.class,
          GrantTerminated.class,
          GrantClosed.class,
          AnnualFollowUpReported.class,
          GrantCatalogMigrated.class);

  @Transactional(Transactional.TxType.MANDATORY)
  public void on(GrantEvent event, Instant time) {
    if (event instanceof ProposalSubmitted submitted) {
      on(submitted, time);
    } else if (event instanceof AnnualFollowUpReported report) {
      on(report, time);
    } else if (event instanceof ProposalScreened) {
      update(event, time, grant -> grant.status = GrantStatus.SCREENED);
    } else if (event instanceof ProposalRejected) {
      update(event, time, grant -> grant.status = GrantStatus.REJECTED);
    } else if (event instanceof GrantAwarded awarded) {
      update(event, time, grant -> awarded(grant, awarded));
    } else if (event instanceof ProposalDeclined) {
      update(event, time, grant -> grant.status = GrantStatus.DECLINED);
    } else if (event instanceof StageGatePassed passed) {
      update(event, time, grant -> grant.phase = passed.toPhase());
    } else if (event instanceof StageGateFailed failed) {
      endsIn(event, time, failed.endFiscalYear());
    } else if (event instanceof GrantExtended extended) {
      endsIn(event, time, extended.endFiscalYear());
    } else if (event instanceof NoCostExtensionGranted extended) {
      endsIn(event, time, extended.endFiscalYear());
    } else if (event instanceof PrincipalInvestigatorChanged changed) {
      // conflicts of interest are checked against the new PI from now on (assignment, scorecards,
      // decisions all read the grant's parties from this view)
      update(
          event,
          time,
          grant -> {
            grant.piName = changed.principalInvestigator().name();
            grant.piInstitution = changed.principalInvestigator().institution();
            grant.piCountry = changed.principalInvestigator().country();
          });
    } else if (event instanceof HostInstitutionsChanged changed) {
      update(
          event,
          time,
          grant -> grant.hostInstitutions = new ArrayList<>(changed.hostInstitutions()));
    } else if (event instanceof GrantTerminated) {
      update(event, time, grant -> grant.status = GrantStatus.TERMINATED);
    } else if (event instanceof GrantClosed) {
      update(event, time, grant -> grant.status = GrantStatus.CLOSED);
    } else if (event instanceof GrantCatalogMigrated migrated) {
      update(event, time, grant -> grant.catalogVersion = migrated.toVersion());
    }
  }

  /**
   * The catalog version a grant event was checked against (its envelope's {@code catalogversion}):
   * the version the grant's rules come from. Absent on events that predate versioning.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void checkedAgainst(UUID grantId, String catalogVersion) {
    if (catalogVersion == null) {
      return;
    }
    GrantViewEntity grant = GrantViewEntity.findById(grantId);
    if (grant != null) {
      grant.catalogVersion = catalogVersion;
    }
  }

  private void on(ProposalSubmitted event, Instant time) {
    GrantViewEntity grant =
        Optional.ofNullable(GrantViewEntity.<GrantViewEntity>findById(event.grantId()))
            .orElseGet(GrantViewEntity::new);
    grant.grantId = event.grantId();
    grant.programCode = event.programCode();
    grant.title = event.title();
    grant.applicantId = event.applicantId();
    if (event.principalInvestigator() != null) {
      grant.piName = event.principalInvestigator().name();
      grant.piInstitution = event.principalInvestigator().institution();
      grant.piCountry = event.principalInvestigator().country();
    }
    grant.hostInstitutions =
        new ArrayList<>(event.hostInstitutions() == null ? List.of() : event.hostInstitutions());
    grant.startFiscalYear = event.startFiscalYear();
    grant.durationYears = event.durationYears();
    grant.plannedFigures = event.plannedFigures();
    grant.status = GrantStatus.SUBMITTED;
    grant.updatedAt = time;
    grant.persist();
  }

  private void on(AnnualFollowUpReported event, Instant time) {
    if (GrantViewEntity.findById(event.grantId()) == null) {
      return; // the review it opens refuses an unknown grant, and says so
    }
    FollowUpReportEntity report =
        FollowUpReportEntity.of(event.grantId(), event.fiscalYear())
            .orElseGet(FollowUpReportEntity::new);
    report.grantId = event.grantId();
    report.fiscalYear = event.fiscalYear();
    report.principalInvestigators = event.principalInvestigators();
    report.totalStaff = event.totalStaff();
    report.researchers = event.researchers();
    report.researchersFromAbroad = event.researchersFromAbroad();
    report.narrative = event.narrative();
    report.shortfalls = event.shortfalls() == null ? null : List.copyOf(event.shortfalls());
    report.reportedAt = time;
    report.persist();
  }

  private static void awarded(GrantViewEntity grant, GrantAwarded awarded) {
    grant.status = GrantStatus.AWARDED;
    grant.phase = awarded.phase();
    grant.startFiscalYear = awarded.startFiscalYear();
    grant.durationYears = awarded.endFiscalYear() - awarded.startFiscalYear() + 1;
  }

  /** The grant's term ends in the fiscal year now (a wind-down, an extension, at no cost too). */
  private static void endsIn(GrantEvent event, Instant time, int endFiscalYear) {
    update(event, time, grant -> grant.durationYears = endFiscalYear - grant.startFiscalYear + 1);
  }

  private static void update(GrantEvent event, Instant time, Consumer<GrantViewEntity> change) {
    UUID grantId = event.grantId();
    GrantViewEntity grant = GrantViewEntity.findById(grantId);
    if (grant == null) {
      // Nothing here depends on a status alone; reviews that need the grant refuse and dead-letter.
      LOG.warnf(
          "%s for grant %s, which this service never saw submitted: ignored",
          event.getClass().getSimpleName(), grantId);
      return;
    }
    change.accept(grant);
    grant.updatedAt = time;
  }
}
