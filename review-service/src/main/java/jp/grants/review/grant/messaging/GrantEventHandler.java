package jp.grants.review.grant.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.grant.AnnualFollowUpReported;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.grant.FinalEvaluationScheduled;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.GrantTerminated;
import jp.grants.contracts.grant.InterimEvaluationScheduled;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.security.Actor;
import jp.grants.review.grant.projection.GrantProjection;
import jp.grants.review.review.command.OpenReviewCommand;
import jp.grants.review.review.command.OpenReviewHandler;
import jp.grants.review.review.command.ReopenReviewHandler;

/**
 * Applies one grant event, inside the inbox consumer's transaction: first to the grant view, then
 * to reviews (a screened proposal, a scheduled stage gate, interim or final evaluation, and each
 * annual follow-up open a review; a terminated or closed grant withdraws its open reviews; a
 * decision the grant refused reopens its review).
 */
@ApplicationScoped
public class GrantEventHandler {
  /** Events that open a review. */
  public static final List<Class<? extends GrantEvent>> OPENING =
      List.of(
          ProposalScreened.class,
          StageGateScheduled.class,
          InterimEvaluationScheduled.class,
          FinalEvaluationScheduled.class,
          AnnualFollowUpReported.class);

  /** Events that reopen a review. */
  public static final List<Class<? extends GrantEvent>> REOPENING =
      List.of(CommitteeDecisionRefused.class);

  private static final Actor SYSTEM = Actor.system("review-service");

  @Inject GrantProjection projection;
  @Inject OpenReviewHandler reviews;
  @Inject ReopenReviewHandler reopen;

  @ActivateRequestContext
  public void handle(EventEnvelope envelope, DomainEvent event) {
    if (!(event instanceof GrantEvent grantEvent)) {
      return;
    }
    Instant time = envelope.time() == null ? Instant.now() : envelope.time().toInstant();
    projection.on(grantEvent, time);
    projection.checkedAgainst(grantEvent.grantId(), envelope.catalogversion());
    EventMetadata metadata =
        new EventMetadata(envelope.correlationid(), envelope.id(), SYSTEM.subject(), SYSTEM.role());
    if (event instanceof ProposalScreened screened) {
      // a selection review happens in the fiscal year the proposal was screened
      open(
          screened.grantId(), ReviewKind.SELECTION, FiscalYears.of(time), null, envelope, metadata);
    } else if (event instanceof StageGateScheduled gate) {
      open(
          gate.grantId(),
          ReviewKind.STAGE_GATE,
          gate.fiscalYear(),
          gate.targetPhase(),
          envelope,
          metadata);
    } else if (event instanceof InterimEvaluationScheduled interim) {
      open(
          interim.grantId(),
          ReviewKind.INTERIM_EVALUATION,
          interim.fiscalYear(),
          null,
          envelope,
          metadata);
    } else if (event instanceof FinalEvaluationScheduled last) {
      open(
          last.grantId(), ReviewKind.FINAL_EVALUATION, last.fiscalYear(), null, envelope, metadata);
    } else if (event instanceof AnnualFollowUpReported report) {
      open(report.grantId(), ReviewKind.FOLLOW_UP, report.fiscalYear(), null, envelope, metadata);
    } else if (event instanceof GrantTerminated terminated) {
      reviews.withdrawOpenReviews(terminated.grantId(), "grant terminated: " + terminated.reason());
    } else if (event instanceof GrantClosed) {
      reviews.withdrawOpenReviews(event.grantId(), "grant closed");
    } else if (event instanceof CommitteeDecisionRefused refused) {
      reopen.handle(refused, time, metadata);
    }
  }

  private void open(
      UUID grantId,
      ReviewKind kind,
      int fiscalYear,
      String targetPhase,
      EventEnvelope envelope,
      EventMetadata metadata) {
    reviews.handle(
        new OpenReviewCommand(grantId, kind, fiscalYear, targetPhase, envelope.id()), metadata);
  }
}
