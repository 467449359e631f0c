package jp.grants.grant.command;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.Investigator;

/**
 * The state of one grant as its aggregate holds it: what GET /grants/{id} shows and what auditors
 * replay to any past point. Built only by the aggregate, from its events.
 *
 * <p>Of the money it shows what the grant's rules work with, which stays the same size however many
 * payments the grant has seen: the disbursements requested through grant-service that the ledger
 * has not answered yet ({@code openDisbursements}), and per fiscal year what the ledger paid and
 * refused ({@code disbursementsByFiscalYear}). Every disbursement one by one, settled ones included,
 * is listed by {@code GET /api/v1/grants/{id}/disbursements} from the read model.
 */
public record GrantView(
    UUID grantId,
    long version,
    String programCode,
    GrantStatus status,
    String phase,
    String title,
    String applicantId,
    Investigator principalInvestigator,
    List<String> hostInstitutions,
    int startFiscalYear,
    int endFiscalYear,
    List<FiscalYearAmount> requestedPlan,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen,
    Map<Integer, FollowUp> followUps,
    StageGateState stageGate,
    Map<EvaluationKind, Evaluation> evaluations,
    int extensionYears,
    Map<UUID, OpenDisbursement> openDisbursements,
    Map<Integer, FiscalYearDisbursements> disbursementsByFiscalYear,
    long disbursedYen) {

  /** Center metrics of one fiscal year's follow-up. */
  public record FollowUp(int principalInvestigators, int totalStaff, int researchers, int researchersFromAbroad) {}

  public record StageGateState(int fiscalYear, String targetPhase, String outcome) {}

  public record Evaluation(int fiscalYear, String grade) {}

  /** A disbursement requested through grant-service that the ledger has not answered yet. */
  public record OpenDisbursement(int fiscalYear, long amountYen, String expenseCategory) {}

  /**
   * What the ledger did in one fiscal year of the grant: the yen it paid and how many payments, and
   * how many requests it refused (whether grant-service or the ledger's REST API asked).
   */
  public record FiscalYearDisbursements(long disbursedYen, int payments, int rejections) {
    static final FiscalYearDisbursements NONE = new FiscalYearDisbursements(0, 0, 0);

    FiscalYearDisbursements paid(long amountYen) {
      return new FiscalYearDisbursements(Math.addExact(disbursedYen, amountYen), payments + 1, rejections);
    }

    FiscalYearDisbursements rejected() {
      return new FiscalYearDisbursements(disbursedYen, payments, rejections + 1);
    }
  }
}
