package jp.grants.grant.command;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.Investigator;

/**
 * The state of one grant as its aggregate holds it: what GET /grants/{id} shows and what auditors
 * replay to any past point. Built only by the aggregate, from its events.
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
    Map<UUID, Disbursement> disbursements,
    long disbursedYen) {

  /** Center metrics of one fiscal year's follow-up. */
  public record FollowUp(int principalInvestigators, int totalStaff, int researchers, int researchersFromAbroad) {}

  public record StageGateState(int fiscalYear, String targetPhase, String outcome) {}

  public record Evaluation(int fiscalYear, String grade) {}

  public record Disbursement(int fiscalYear, long amountYen, String expenseCategory, String state) {}
}
