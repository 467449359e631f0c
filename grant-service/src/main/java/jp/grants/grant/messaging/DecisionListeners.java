package jp.grants.grant.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import jp.grants.grant.axon.EventMetadataKeys;
import jp.grants.grant.axon.GrantGateway;
import jp.grants.grant.command.Commands.ApplyReviewDecisionCommand;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.LedgerAnswer;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.RecordAnnualReportAcceptedCommand;
import jp.grants.grant.command.Commands.RecordDisbursementRejectedCommand;
import jp.grants.grant.command.Commands.RecordFundsCarriedOverCommand;
import jp.grants.grant.command.Commands.RecordFundsDisbursedCommand;
import jp.grants.grant.command.Commands.RecordFundsRefundedCommand;
import jp.grants.grant.command.Commands.RecordGrantSettledCommand;
import jp.grants.grant.command.Commands.RecordLedgerAnswersCommand;
import jp.grants.grant.command.EvaluationKind;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.InboxConsumer;
import jp.grants.platform.messaging.KafkaClients;
import jp.grants.platform.schema.SchemaReady;
import jp.grants.platform.security.Actor;
import org.jboss.logging.Logger;

/**
 * Applies the other services' answers to the grants: the ledger's FundsDisbursed,
 * DisbursementRejected, FundsCarriedOver, FundsRefunded, AnnualReportAccepted and GrantSettled
 * (recorded in the grant's history as the grant event of the same name, a poll's answers for one
 * grant by one command), and the committees' ReviewCompleted. Each event is applied exactly once:
 * its inbox row and the events it causes commit in one transaction (and the aggregate ignores a
 * second copy by its operation id).
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
    // The answers of one poll are recorded a grant at a time (the topic is keyed by grant): per
    // grant one transaction, one inbox insert and one command that records them all, so the grant
    // is loaded and locked once and its chain head is held only while its own events are appended
    // and committed. (A transaction per poll held one grant's chain head while it went on to the
    // next command on the same grant, and a hot grant's REST commands queued behind it into 503s:
    // bench/README.md, 2026-12-04.)
    ledger =
        InboxConsumer.batchedPerKey(
                consumers.ledgerEvents(),
                List.of(Topics.LEDGER_EVENTS),
                clients,
                dataSource,
                codec,
                ledgerTypes::contains,
                this::onLedgerEvents)
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

  /**
   * Records the ledger's answers, one command per grant for all of its answers in order; each of
   * its events carries the metadata of the answer that caused it ({@link #answerMetadata}).
   */
  void onLedgerEvents(List<InboxConsumer.Delivery> deliveries) {
    Map<UUID, List<LedgerAnswer>> byGrant = new LinkedHashMap<>();
    for (InboxConsumer.Delivery delivery : deliveries) {
      Object command = commandFor(delivery.event());
      if (command == null) {
        LOG.debugf(
            "nothing to apply for %s %s", delivery.envelope().type(), delivery.envelope().id());
        continue;
      }
      byGrant
          .computeIfAbsent(delivery.event().grantId(), g -> new ArrayList<>())
          .add(new LedgerAnswer(command, answerMetadata(delivery, command)));
    }
    byGrant.forEach(
        (grant, answers) ->
            gateway.send(
                new RecordLedgerAnswersCommand(grant, answers),
                Actor.system("ledger-service"),
                null,
                answers.size() + " answers of the ledger"));
  }

  /**
   * What an answer's events say of who and why, as if it had been a command of its own: the other
   * service's actor, the request's correlation id, the event that caused it (its id is the
   * causation id) and the command that records it.
   */
  static Map<String, String> answerMetadata(InboxConsumer.Delivery delivery, Object command) {
    EventEnvelope envelope = delivery.envelope();
    Actor actor = actorOf(envelope);
    Map<String, String> metadata = new HashMap<>();
    metadata.put(EventMetadataKeys.ACTOR, actor.subject());
    metadata.put(EventMetadataKeys.ACTOR_ROLE, actor.role());
    if (envelope.correlationid() != null) {
      metadata.put(EventMetadataKeys.CORRELATION_ID, envelope.correlationid());
    }
    metadata.put(EventMetadataKeys.REQUEST, requestOf(envelope));
    metadata.put(EventMetadataKeys.CAUSATION_ID, envelope.id());
    metadata.put(EventMetadataKeys.COMMAND, command.getClass().getSimpleName());
    if (delivery.traceparent() != null) {
      metadata.put(EventMetadataKeys.TRACEPARENT, delivery.traceparent());
    }
    return metadata;
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
    gateway.send(command, actorOf(envelope), envelope.correlationid(), requestOf(envelope));
  }

  /** The other service's actor only when it names both who and in which role; else that service. */
  private static Actor actorOf(EventEnvelope envelope) {
    return envelope.actor() != null
            && !envelope.actor().isBlank()
            && envelope.actorrole() != null
            && !envelope.actorrole().isBlank()
        ? new Actor(envelope.actor(), envelope.actorrole())
        : Actor.system(sourceOf(envelope));
  }

  private static String requestOf(EventEnvelope envelope) {
    return "event " + envelope.type() + " " + envelope.id() + " from " + sourceOf(envelope);
  }

  private static String sourceOf(EventEnvelope envelope) {
    return envelope.source() == null ? "unknown" : envelope.source().replace("/", "");
  }
}
