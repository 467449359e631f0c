package jp.grants.ledger.disbursement.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Rules;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.disbursement.domain.Refusal;
import jp.grants.ledger.disbursement.messaging.LedgerEventPublisher;
import jp.grants.ledger.disbursement.persistence.CapLedger;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.journal.persistence.ProvenanceColumns;

/**
 * Answers disbursement requests from both channels in one transaction: check the grant's terms,
 * take the amount from the three caps or refuse naming the cap, record the answer, journal the
 * movement and put FundsDisbursed or DisbursementRejected in the outbox. A request whose id was
 * answered before is answered the same way again, without any effect.
 */
@ApplicationScoped
public class DisbursementService {
  @Inject CapLedger caps;
  @Inject Journal journal;
  @Inject LedgerEventPublisher publisher;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  private final ProgramCatalog catalog = ProgramCatalog.load();

  @Transactional
  public DisbursementResult disburse(DisburseCommand command) {
    Disbursement earlier = Disbursement.findById(command.disbursementId());
    if (earlier != null) {
      return new DisbursementResult(earlier, false);
    }
    GrantAccount grant = GrantAccount.findById(command.grantId());
    if (grant == null) {
      return answered(reject(command, null, Refusal.unknownGrant(command.grantId(), command.amountYen())));
    }
    Optional<Refusal> broken = terms(grant).check(catalog.require(grant.programCode), command.fiscalYear(),
        command.amountYen(), command.expenseCategory());
    if (broken.isPresent()) {
      return answered(reject(command, grant, broken.get()));
    }
    CapLedger.Result result = caps.take(grant.grantId, grant.budgetPool, command.fiscalYear(), command.amountYen());
    if (result instanceof CapLedger.Taken taken) {
      return answered(accept(command, grant, taken));
    }
    return answered(reject(command, grant, refusal(command, grant, (CapLedger.Refused) result)));
  }

  private Disbursement accept(DisburseCommand command, GrantAccount grant, CapLedger.Taken taken) {
    Disbursement d = record(command, grant, DisbursementStatus.ACCEPTED);
    d.grantYearHeadroomYen = taken.grantYearHeadroomYen();
    d.grantTotalHeadroomYen = taken.grantTotalHeadroomYen();
    d.programYearHeadroomYen = taken.programYearHeadroomYen();
    String memo = command.expenseCategory() + " " + Rules.yen(command.amountYen()) + " from FY"
        + command.fiscalYear() + (command.purpose() == null ? "" : ": " + command.purpose());
    d.journalEntryId = journal.append(
        Movements.disbursement(grant.grantId, grant.budgetPool, command.fiscalYear(), command.amountYen(), memo),
        new Journal.Subject(grant.grantId, grant.budgetPool, command.fiscalYear(), command.disbursementId()),
        command.provenance());
    d.persist();
    publisher.publish(d, command.provenance());
    return d;
  }

  private Disbursement reject(DisburseCommand command, GrantAccount grant, Refusal refusal) {
    Disbursement d = record(command, grant, DisbursementStatus.REJECTED);
    d.rule = refusal.rule();
    d.capLevel = refusal.capLevel();
    d.headroomYen = refusal.headroomYen();
    d.reason = refusal.reason();
    d.persist();
    publisher.publish(d, command.provenance());
    return d;
  }

  /** A refusal by the caps; a grant closed or terminated meanwhile is refused as not active. */
  private Refusal refusal(DisburseCommand command, GrantAccount grant, CapLedger.Refused refused) {
    if (refused.level() == null) {
      GrantAccount.getEntityManager().refresh(grant);
      return Refusal.notActive(grant.grantId, grant.status, grant.lastFiscalYear, command.fiscalYear(),
          command.amountYen());
    }
    return Refusal.capExceeded(refused.level(), grant.grantId, grant.budgetPool, command.fiscalYear(),
        command.amountYen(), refused.headroomYen(), refused.budgetMissing());
  }

  private static Disbursement record(DisburseCommand command, GrantAccount grant, DisbursementStatus status) {
    Disbursement d = new Disbursement();
    d.disbursementId = command.disbursementId();
    d.grantId = command.grantId();
    // An event may carry anything: what does not fit a column is clipped, not retried forever.
    d.programCode = grant != null ? grant.programCode : clip(command.programCode(), 64);
    d.budgetPool = grant != null ? grant.budgetPool : null;
    d.fiscalYear = command.fiscalYear();
    d.amountYen = command.amountYen();
    d.expenseCategory = command.expenseCategory();
    d.purpose = clip(command.purpose(), 500);
    d.status = status;
    d.channel = command.channel();
    d.requestedBy = clip(command.requestedBy(), 200);
    d.provenance = ProvenanceColumns.of(command.provenance());
    d.answerEventId = LedgerEventPublisher.answerEventId(command.disbursementId());
    d.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return d;
  }

  private static String clip(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  private static GrantTerms terms(GrantAccount grant) {
    return new GrantTerms(grant.grantId, grant.programCode, grant.status, grant.startFiscalYear,
        grant.endFiscalYear, grant.lastFiscalYear, grant.eligibleExpenses);
  }

  /**
   * Counts the answer as {@code ledger_disbursements_total{outcome,cap_level,rule}}: what was paid,
   * and what each cap (or other rule) refused.
   */
  private DisbursementResult answered(Disbursement disbursement) {
    registry.counter("ledger_disbursements_total",
        "outcome", disbursement.status.name().toLowerCase(java.util.Locale.ROOT),
        "cap_level", disbursement.capLevel == null ? "" : disbursement.capLevel.name(),
        "rule", disbursement.rule == null ? "" : disbursement.rule).increment();
    return new DisbursementResult(disbursement, true);
  }
}
