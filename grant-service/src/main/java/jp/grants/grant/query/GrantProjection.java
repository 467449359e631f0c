package jp.grants.grant.query;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.GrantExtended;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.ProposalDeclined;
import jp.grants.contracts.grant.ProposalRejected;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.contracts.grant.StageGateFailed;
import jp.grants.contracts.grant.StageGatePassed;
import jp.grants.grant.axon.StreamingHandler;
import jp.grants.grant.command.GrantStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Keeps the grant list read model from the event store, and every grant's disbursements one by one
 * ({@code grant_disbursement}: the list the aggregate no longer keeps). Runs in its own streaming processor: each
 * batch's rows and the processor's token commit in one transaction, so the model is exactly the
 * events up to its token. Dropped and rebuilt by a reset (see the admin API).
 */
@Singleton
@ProcessingGroup(GrantProjection.PROCESSING_GROUP)
public class GrantProjection implements StreamingHandler {
  public static final String PROCESSING_GROUP = "grant-read-model";

  @Override
  public String processingGroup() {
    return PROCESSING_GROUP;
  }

  @Override
  public Processor processor() {
    return Processor.POOLED;
  }

  @Inject EntityManager entityManager;

  @EventHandler
  void on(ProposalSubmitted event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = new GrantSummary();
    summary.grantId = event.grantId();
    summary.programCode = event.programCode();
    summary.status = GrantStatus.PROPOSED.name();
    summary.title = event.title();
    summary.applicantId = event.applicantId();
    if (event.principalInvestigator() != null) {
      summary.piName = event.principalInvestigator().name();
      summary.piInstitution = event.principalInvestigator().institution();
    }
    summary.startFiscalYear = event.startFiscalYear();
    summary.endFiscalYear = event.startFiscalYear() + event.durationYears() - 1;
    summary.version = sequence;
    summary.submittedAt = time;
    summary.updatedAt = time;
    entityManager.persist(summary);
    entityManager.flush();
    for (String host : event.hostInstitutions()) {
      addInstitution(event.grantId(), host, "HOST");
    }
    if (summary.piInstitution != null) {
      addInstitution(event.grantId(), summary.piInstitution, "PI");
    }
  }

  private void addInstitution(UUID grantId, String institution, String role) {
    entityManager.createNativeQuery(
            "INSERT INTO grant_institution (grant_id, institution, role) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .setParameter(1, grantId).setParameter(2, institution).setParameter(3, role)
        .executeUpdate();
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
    GrantSummary summary = update(event, sequence, time, GrantStatus.ACTIVE);
    summary.phase = event.phase();
    summary.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(StageGatePassed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, null);
    summary.phase = event.toPhase();
    summary.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(StageGateFailed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, GrantStatus.WINDING_DOWN);
    summary.endFiscalYear = event.endFiscalYear();
    summary.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(GrantExtended event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, null);
    summary.phase = event.phase();
    summary.endFiscalYear = event.endFiscalYear();
    summary.totalAwardedYen = event.totalAwardedYen();
  }

  @EventHandler
  void on(GrantTerminated event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, GrantStatus.TERMINATED);
    summary.endFiscalYear = event.lastFiscalYear();
  }

  @EventHandler
  void on(GrantClosed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, GrantStatus.CLOSED);
    if (event.finalAmountYen() != null) {
      summary.finalAmountYen = event.finalAmountYen();
    }
  }

  @EventHandler
  void on(FundsRefunded event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, null);
    summary.disbursedYen = Math.subtractExact(summary.disbursedYen, event.amountYen());
    summary.refundedYen = Math.addExact(summary.refundedYen, event.amountYen());
    summary.indirectCostYen = Math.subtractExact(summary.indirectCostYen, event.indirectCostYen());
  }

  @EventHandler
  void on(GrantSettled event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, null);
    summary.settled = true;
    summary.finalAmountYen = event.finalAmountYen();
  }

  @EventHandler
  void on(DisbursementRequested event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
    entityManager.createNativeQuery("INSERT INTO grant_disbursement (grant_id, disbursement_id, fiscal_year, amount_yen,"
            + " expense_category, state, position, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, 'REQUESTED', ?6, ?7)"
            + " ON CONFLICT (grant_id, disbursement_id) DO NOTHING")
        .setParameter(1, event.grantId()).setParameter(2, event.disbursementId()).setParameter(3, event.fiscalYear())
        .setParameter(4, event.amountYen()).setParameter(5, event.expenseCategory().name()).setParameter(6, sequence)
        .setParameter(7, time)
        .executeUpdate();
  }

  @EventHandler
  void on(FundsDisbursed event, @SequenceNumber long sequence, @Timestamp Instant time) {
    GrantSummary summary = update(event, sequence, time, null);
    summary.disbursedYen = Math.addExact(summary.disbursedYen, event.amountYen());
    if (event.indirectCostYen() != null) {
      summary.indirectCostYen = Math.addExact(summary.indirectCostYen, event.indirectCostYen());
    }
    settle(event.grantId(), event.disbursementId(), event.fiscalYear(), event.amountYen(),
        event.expenseCategory().name(), "DISBURSED", null, event.indirectCostYen(), sequence, time);
  }

  @EventHandler
  void on(DisbursementRejected event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
    settle(event.grantId(), event.disbursementId(), event.fiscalYear(), event.amountYen(), null, "REJECTED",
        event.rule(), null, sequence, time);
  }

  /**
   * The ledger's answer: settles the open request, or records a payment or refusal the grant never
   * requested. Only the first answer of a disbursement counts (as in V6__grant_disbursement_backfill).
   */
  private void settle(java.util.UUID grantId, java.util.UUID disbursementId, int fiscalYear, long amountYen,
      String expenseCategory, String state, String rule, Long indirectCostYen, long sequence, Instant time) {
    // A value that may be absent is written as NULL in the statement rather than bound as a null.
    var insert = entityManager.createNativeQuery("INSERT INTO grant_disbursement (grant_id, disbursement_id,"
            + " fiscal_year, amount_yen, expense_category, state, position, settled_sequence, settled_at, rule,"
            + " indirect_cost_yen)"
            + " VALUES (:grant, :disbursement, :year, :yen, " + (expenseCategory == null ? "NULL" : ":category")
            + ", :state, :sequence, :sequence, :time, " + (rule == null ? "NULL" : ":rule") + ", "
            + (indirectCostYen == null ? "NULL" : ":indirect") + ")"
            + " ON CONFLICT (grant_id, disbursement_id) DO UPDATE SET state = EXCLUDED.state,"
            + " fiscal_year = EXCLUDED.fiscal_year, amount_yen = EXCLUDED.amount_yen,"
            + " expense_category = COALESCE(EXCLUDED.expense_category, grant_disbursement.expense_category),"
            + " settled_sequence = EXCLUDED.settled_sequence, settled_at = EXCLUDED.settled_at, rule = EXCLUDED.rule,"
            + " indirect_cost_yen = EXCLUDED.indirect_cost_yen"
            + " WHERE grant_disbursement.state = 'REQUESTED'")
        .setParameter("grant", grantId).setParameter("disbursement", disbursementId).setParameter("year", fiscalYear)
        .setParameter("yen", amountYen).setParameter("state", state).setParameter("sequence", sequence)
        .setParameter("time", time);
    if (expenseCategory != null) {
      insert.setParameter("category", expenseCategory);
    }
    if (rule != null) {
      insert.setParameter("rule", rule);
    }
    if (indirectCostYen != null) {
      insert.setParameter("indirect", indirectCostYen);
    }
    insert.executeUpdate();
  }

  /** Any other event still moves the version, so that the list shows the grant's ETag. */
  @EventHandler
  void on(GrantEvent event, @SequenceNumber long sequence, @Timestamp Instant time) {
    update(event, sequence, time, null);
  }

  private GrantSummary update(GrantEvent event, long sequence, Instant time, GrantStatus status) {
    GrantSummary summary = entityManager.find(GrantSummary.class, event.grantId());
    if (summary == null) {
      throw new IllegalStateException("read model has no grant " + event.grantId() + " for " + event);
    }
    if (status != null) {
      summary.status = status.name();
    }
    summary.version = sequence;
    summary.updatedAt = time;
    return summary;
  }

  @ResetHandler
  void reset() {
    entityManager.createNativeQuery("DELETE FROM grant_disbursement").executeUpdate();
    entityManager.createNativeQuery("DELETE FROM grant_institution").executeUpdate();
    entityManager.createNativeQuery("DELETE FROM grant_summary").executeUpdate();
  }
}
