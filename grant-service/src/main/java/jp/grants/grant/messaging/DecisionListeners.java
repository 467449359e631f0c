package jp.grants.grant.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.AnnualReportAccepted;
import jp.grants.contracts.ledger.DisbursementRejected;
import jp.grants.contracts.ledger.FundsCarriedOver;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.FundsRefunded;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.grant.axon.GrantGateway;
import jp.grants.grant.command.Commands.ApplyReviewDecisionCommand;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.RecordAnnualReportAcceptedCommand;
import jp.grants.grant.command.Commands.RecordDisbursementRejectedCommand;
import jp.grants.grant.command.Commands.RecordFundsCarriedOverCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.RecordFundsRefundedCommand;
import jp.grants.grant.command.Commands.RecordGrantSettledCommand;
import jp.grants.grant.command.EvaluationKind;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.InboxConsumer;
import jp.grants.platform.messaging.KafkaClients;
import jp.grants.platform.schema.SchemaReady;
import jp.grants.platform.security.Actor;
import org.jboss.logging.Logger;

/**
 * Applies the other services' answers to the grants: the ledger's FundsDisbursed,
 * DisbursementRejected, FundsCarriedOver, FundsRefunded, AnnualReportAccepted and GrantSettled (one
 * command each, recorded in the grant's history as the grant event of the same name), and the
 * committees' ReviewCompleted. Each event is applied exactly once: its inbox row and the events it
 * causes commit in one transaction (and the aggregate ignores a second copy by its operation id).
 */
@ApplicationScoped
public class DecisionListeners {
  private static final Logger LOG = Logger.getLogger(DecisionListeners.class);
  @Inject ConsumerSettings consumers;
  @Inject KafkaClients clients;
  @Inject DataSource dataSource;
  @Inject EnvelopeCodec codec;
  @Inject GrantGateway gateway;

  private InboxConsumer ledger;
  private InboxConsumer review;

  /** After Axon (which also waits for the schema) has started. */
  void start(@Observes @Priority(2000) SchemaReady ready) {
    Set<String> ledgerTypes =
        Set.of(
            EventTypes.nameOf(FundsDisbursed.class),
            EventTypes.nameOf(DisbursementRejected.class),
            EventTypes.nameOf(FundsCarriedOver.class),
            EventTypes.nameOf(FundsRefunded.class),
            EventTypes.nameOf(AnnualReportAccepted.class),
            EventTypes.nameOf(GrantSettled.class));
    // One transaction per answer, not per poll: a poll's batch holds the grant's chain head from
    // its first append to its commit, and a hot grant's REST commands then queue behind it (the
    // bench's scenario 2 had 503s "the grant is busy"; bench/README.md, 2026-12-04).
    ledger =
        new InboxConsumer(
                consumers.ledgerEvents(),
                List.of(Topics.LEDGER_EVENTS),
                clients,
                dataSource,
                codec,
                ledgerTypes::contains,
                this::onLedgerEvent)
            .start();
    String completed = EventTypes.nameOf(ReviewCompleted.class);
    review =
        new InboxConsumer(
                consumers.reviewEvents(),
                List.of(Topics.REVIEW_EVENTS),
                clients,
                dataSource,
                codec,
                completed::equals,
                this::onReviewEvent)
            .start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (ledger != null) {
      ledger.close();
    }
    if (review != null) {
      review.close();
    }
  }

  void onLedgerEvent(EventEnvelope envelope, DomainEvent event) {
    send(commandFor(event), envelope);
  }

  /** The command that records a ledger event in the grant's history; null for anything else. */
  static Object commandFor(DomainEvent event) {
    if (event instanceof FundsDisbursed paid) {
      return new RecordFundsDisbursedCommand(
          paid.grantId(),
          paid.disbursementId(),
          paid.fiscalYear(),
          paid.amountYen(),
          paid.expenseCategory(),
          paid.indirectCostYen());
    } else if (event instanceof DisbursementRejected refused) {
      return new RecordDisbursementRejectedCommand(
          refused.grantId(),
          refused.disbursementId(),
          refused.fiscalYear(),
          refused.amountYen(),
          refused.rule(),
          refused.capLevel(),
          refused.headroomYen(),
          refused.reason());
    } else if (event instanceof FundsCarriedOver carried) {
      return new RecordFundsCarriedOverCommand(
          carried.grantId(),
          carried.carryOverId(),
          carried.fromFiscalYear(),
          carried.toFiscalYear(),
          carried.amountYen(),
          carried.paidMovedYen(),
          carried.approved(),
          carried.reason());
    } else if (event instanceof FundsRefunded refunded) {
      return new RecordFundsRefundedCommand(
          refunded.grantId(),
          refunded.refundId(),
          refunded.fiscalYear(),
          refunded.amountYen(),
          refunded.indirectCostYen(),
          refunded.additionalChargeYen(),
          refunded.kind(),
          refunded.reason());
    } else if (event instanceof AnnualReportAccepted report) {
      return new RecordAnnualReportAcceptedCommand(
          report.grantId(),
          report.reportId(),
          report.fiscalYear(),
          report.spending(),
          report.reportedYen(),
          report.paidYen(),
          report.unspentYen(),
          report.transferredYen());
    } else if (event instanceof GrantSettled settled) {
      return new RecordGrantSettledCommand(
          settled.grantId(),
          settled.settlementId(),
          settled.finalAmountYen(),
          settled.finalIndirectCostYen(),
          settled.refundedYen(),
          settled.additionalChargeYen(),
          settled.finalByFiscalYear());
    }
    return null;
  }

  /**
   * A committee's decision goes to the grant wrapped, so that a decision the grant refuses by a
   * rule (it moved on since the review checked it) is recorded as CommitteeDecisionRefused in its
   * history and answered to review-service, instead of ending in a dead letter.
   */
  void onReviewEvent(EventEnvelope envelope, DomainEvent event) {
    if (event instanceof ReviewCompleted decision) {
      Object command = commandFor(decision);
      send(
          command == null
              ? null
              : new ApplyReviewDecisionCommand(
                  decision.grantId(),
                  decision.reviewId(),
                  envelope.id(),
                  decision.kind(),
                  decision.recommendation(),
                  command),
          envelope);
    }
  }

  static Object commandFor(ReviewCompleted d) {
    return switch (d.kind()) {
      case SELECTION ->
          switch (d.recommendation()) {
            case AWARD -> new AwardGrantCommand(d.grantId(), null, d.allocations(), d.reviewId());
            case DECLINE ->
                new DeclineProposalCommand(d.grantId(), null, d.rationale(), d.reviewId());
            default -> null;
          };
      case STAGE_GATE ->
          switch (d.recommendation()) {
            case PASS -> new PassStageGateCommand(d.grantId(), null, d.allocations(), d.reviewId());
            case FAIL ->
                new FailStageGateCommand(
                    d.grantId(), null, d.rationale(), null, d.allocations(), d.reviewId());
            default -> null;
          };
      case INTERIM_EVALUATION ->
          new CompleteEvaluationCommand(
              d.grantId(), null, EvaluationKind.INTERIM, d.grade(), d.rationale(), d.reviewId());
      case FINAL_EVALUATION ->
          new CompleteEvaluationCommand(
              d.grantId(), null, EvaluationKind.FINAL, d.grade(), d.rationale(), d.reviewId());
      // A follow-up review comments on the center; it changes nothing in the grant itself.
      case FOLLOW_UP -> null;
    };
  }

  private void send(Object command, EventEnvelope envelope) {
    if (command == null) {
      LOG.debugf("nothing to apply for %s %s", envelope.type(), envelope.id());
      return;
    }
    String source = envelope.source() == null ? "unknown" : envelope.source().replace("/", "");
    // The other service's actor only when it names both who and in which role; else that service.
    Actor actor =
        envelope.actor() != null
                && !envelope.actor().isBlank()
                && envelope.actorrole() != null
                && !envelope.actorrole().isBlank()
            ? new Actor(envelope.actor(), envelope.actorrole())
            : Actor.system(source);
    gateway.send(
        command,
        actor,
        envelope.correlationid(),
        "event " + envelope.type() + " " + envelope.id() + " from " + source);
  }
}
