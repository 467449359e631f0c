package jp.grants.grant.query;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import jp.grants.contracts.grant.AcademyReportSubmitted;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantResumed;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.contracts.grant.GrantSuspended;
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
import jp.grants.contracts.grant.WorldPremierStatusGranted;
import jp.grants.contracts.grant.WorldPremierStatusWithdrawn;
import jp.grants.grant.axon.StreamingHandler;
import jp.grants.grant.command.GrantStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps the grant list read model from the event store, and every grant's disbursements one by one
 * ({@code grant_disbursement}: the list the aggregate no longer keeps). Runs in its own streaming
 * processor: each batch's rows and the processor's token commit in one transaction, so the model is
 * exactly the events up to its token. Dropped and rebuilt by a reset (see the admin API).
 *
 * <p>The handlers only gather what their events change ({@link ReadModelBatch}); the batch is
 * written with plain JDBC batches as the processor's unit of work commits: one UPDATE per grant and
 * batch however many of its events the batch holds, no entity loaded, nothing dirty-checked.
 */
@Singleton
@ProcessingGroup(GrantProjection.PROCESSING_GROUP)
public class GrantProjection implements StreamingHandler {
  public static final String PROCESSING_GROUP = "grant-read-model";

  @Override
  public Processor processor() {
    return Processor.POOLED;
  }

  private static final String BATCH = GrantProjection.class.getName() + ".batch";

  @Inject DataSource dataSource;

  @EventHandler
  void on(ProposalSubmitted event, @SequenceNumber long sequence, @Timestamp Instant time) {
    String piName =
        event.principalInvestigator() == null ? null : event.principalInvestigator().name();
    String piInstitution =
        event.principalInvestigator() == null ? null : event.principalInvestigator().institution();
    ReadModelBatch batch = batch();
    batch.insert(
        new ReadModelBatch.NewGrant(
            event.grantId(),
            event.programCode(),
            GrantStatus.PROPOSED.name(),
            event.title(),
            event.applicantId(),
            piName,
            piInstitution,
            event.startFiscalYear(),
            event.startFiscalYear() + event.durationYears() - 1,
            sequence,
            time,
            event.callId()));
    for (String host : event.hostInstitutions()) {
      batch.institution(event.grantId(), host, "HOST");
    }
    if (piInstitution != null) {
      batch.institution(event.grantId(), piInstitution, "PI");
    }
  }

  @EventHandler
  void on(ProposalScreened event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.SCREENED);
  }

  @EventHandler
  void on(ProposalRejected event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.REJECTED);
  }

  @EventHandler
  void on(ProposalDeclined event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.DECLINED);
  }

  @EventHandler
  void on(GrantAwarded event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, GrantStatus.ACTIVE);
    change.phase = event.phase();
    change.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(StageGatePassed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.phase = event.toPhase();
    change.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(StageGateFailed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, GrantStatus.WINDING_DOWN);
    change.endFiscalYear = event.endFiscalYear();
    change.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(GrantExtended event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.phase = event.phase();
    change.endFiscalYear = event.endFiscalYear();
    change.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(GrantSuspended event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.SUSPENDED);
  }

  @EventHandler
  void on(GrantResumed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.valueOf(event.toStatus()));
  }

  @EventHandler
  void on(
      PrincipalInvestigatorChanged event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.piName = event.principalInvestigator().name();
    change.piInstitution = event.principalInvestigator().institution();
    batch()
        .replaceInstitutions(
            event.grantId(), "PI", List.of(event.principalInvestigator().institution()));
  }

  @EventHandler
  void on(HostInstitutionsChanged event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
    batch().replaceInstitutions(event.grantId(), "HOST", event.hostInstitutions());
  }

  @EventHandler
  void on(NoCostExtensionGranted event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null).endFiscalYear = event.endFiscalYear();
  }

  @EventHandler
  void on(WorldPremierStatusGranted event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.ACADEMY);
  }

  @EventHandler
  void on(AcademyReportSubmitted event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
  }

  @EventHandler
  void on(
      WorldPremierStatusWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.CLOSED);
  }

  @EventHandler
  void on(GrantTerminated event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, GrantStatus.TERMINATED).endFiscalYear = event.lastFiscalYear();
  }

  @EventHandler
  void on(GrantClosed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, GrantStatus.CLOSED);
    if (event.finalAmountYen() != null) {
      change.finalAmountYen = event.finalAmountYen();
    }
  }

  @EventHandler
  void on(FundsRefunded event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.disbursedYen = Math.subtractExact(change.disbursedYen, event.amountYen());
    change.refundedYen = Math.addExact(change.refundedYen, event.amountYen());
    change.indirectCostYen = Math.subtractExact(change.indirectCostYen, event.indirectCostYen());
  }

  @EventHandler
  void on(GrantSettled event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.settled = true;
    change.finalAmountYen = event.finalAmountYen();
  }

  @EventHandler
  void on(DisbursementRequested event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
    batch()
        .disbursement(
            new ReadModelBatch.DisbursementRow(
                false,
                event.grantId(),
                event.disbursementId(),
                event.fiscalYear(),
                event.amountYen(),
                event.expenseCategory().name(),
                DisbursementState.REQUESTED,
                null,
                null,
                sequence,
                time));
  }

  @EventHandler
  void on(FundsDisbursed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    ReadModelBatch.Change change = update(event, sequence, time, null);
    change.disbursedYen = Math.addExact(change.disbursedYen, event.amountYen());
    if (event.indirectCostYen() != null) {
      change.indirectCostYen = Math.addExact(change.indirectCostYen, event.indirectCostYen());
    }
    batch()
        .disbursement(
            new ReadModelBatch.DisbursementRow(
                true,
                event.grantId(),
                event.disbursementId(),
                event.fiscalYear(),
                event.amountYen(),
                event.expenseCategory().name(),
                DisbursementState.DISBURSED,
                null,
                event.indirectCostYen(),
                sequence,
                time));
  }

  @EventHandler
  void on(DisbursementRejected event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
    batch()
        .disbursement(
            new ReadModelBatch.DisbursementRow(
                true,
                event.grantId(),
                event.disbursementId(),
                event.fiscalYear(),
                event.amountYen(),
                null,
                DisbursementState.REJECTED,
                event.rule(),
                null,
                sequence,
                time));
  }

  /** Any other event still moves the version, so that the list shows the grant's ETag. */
  @EventHandler
  void on(GrantEvent event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
  }

  private ReadModelBatch.Change update(
      GrantEvent event, long sequence, Instant time, GrantStatus status) {
    ReadModelBatch.Change change = batch().change(event.grantId(), sequence, time);
    if (status != null) {
      change.status = status.name();
    }
    return change;
  }

  /** The batch of the processor's unit of work, written when it commits. */
  private ReadModelBatch batch() {
    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
    return unitOfWork.getOrComputeResource(
        BATCH,
        key -> {
          ReadModelBatch batch = new ReadModelBatch();
          unitOfWork.onPrepareCommit(u -> write(batch));
          return batch;
        });
  }

  private void write(ReadModelBatch batch) {
    try (Connection c = dataSource.getConnection()) {
      batch.write(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the read model's batch", e);
    }
  }

  @ResetHandler
  void reset() {
    try (Connection c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM grant_disbursement");
      s.executeUpdate("DELETE FROM grant_institution");
      s.executeUpdate("DELETE FROM grant_summary");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the read model", e);
    }
  }
}
