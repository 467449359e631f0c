package jp.grants.ledger.disbursement.domain;

import static jp.grants.catalog.Rules.yen;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.rule.Rule;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.rule.LedgerRule;

/**
 * Why the ledger refused a disbursement: the named rule, the cap that would have been exceeded
 * (null when another rule refused), the amount asked and what was left under that cap.
 */
public record Refusal(
    Rule rule, CapLevel capLevel, long requestedYen, long headroomYen, String reason) {
  public Refusal {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    if (headroomYen < 0) {
      throw new IllegalArgumentException("headroom is never negative: " + headroomYen);
    }
  }

  /**
   * A cap that the disbursement would push over.
   *
   * @param budgetMissing the pool has no budget at all for the year (program level only)
   */
  public static Refusal capExceeded(
      CapLevel level,
      UUID grantId,
      String pool,
      int fiscalYear,
      long requestedYen,
      long headroomYen,
      boolean budgetMissing) {
    String asked = "; " + yen(requestedYen) + " asked";
    String reason =
        switch (level) {
          case GRANT_FISCAL_YEAR ->
              "grant "
                  + grantId
                  + " has "
                  + yen(headroomYen)
                  + " left of its FY"
                  + fiscalYear
                  + " allocation"
                  + asked;
          case GRANT_TOTAL ->
              "grant " + grantId + " has " + yen(headroomYen) + " left of its total award" + asked;
          case PROGRAM_FISCAL_YEAR ->
              budgetMissing
                  ? "budget pool " + pool + " has no budget for FY" + fiscalYear + asked
                  : "budget pool "
                      + pool
                      + " has "
                      + yen(headroomYen)
                      + " left of its FY"
                      + fiscalYear
                      + " budget"
                      + asked;
        };
    return new Refusal(LedgerRule.cap(level), level, requestedYen, headroomYen, reason);
  }

  /**
   * The fund the grant's pool draws on cannot pay the amount (with its indirect costs), or not in
   * that year.
   */
  public static Refusal fundExceeded(
      String pool,
      int fiscalYear,
      long requestedYen,
      long indirectYen,
      long headroomYen,
      String why) {
    String reason =
        why != null
            ? "fund " + pool + " " + why + "; " + yen(requestedYen) + " asked"
            : "fund "
                + pool
                + " has "
                + yen(headroomYen)
                + " left of its total; "
                + yen(requestedYen)
                + " asked"
                + (indirectYen > 0 ? " with " + yen(indirectYen) + " indirect costs" : "")
                + " in FY"
                + fiscalYear;
    return new Refusal(
        LedgerRule.CAP_PROGRAM_FUND,
        CapLevel.PROGRAM_FISCAL_YEAR,
        requestedYen,
        headroomYen,
        reason);
  }

  public static Refusal settled(UUID grantId, long requestedYen) {
    return new Refusal(
        CatalogRule.GRANT_SETTLED,
        null,
        requestedYen,
        0,
        "grant " + grantId + " was settled (額の確定); no money of it moves any more");
  }

  /** Any other named rule. */
  public static Refusal of(Rule rule, long requestedYen, long headroomYen, String reason) {
    return new Refusal(rule, null, requestedYen, Math.max(0, headroomYen), reason);
  }

  public static Refusal suspended(UUID grantId, long requestedYen) {
    return new Refusal(
        CatalogRule.GRANT_SUSPENDED,
        null,
        requestedYen,
        0,
        "grant " + grantId + " is suspended (中断); nothing is paid until it is resumed");
  }

  public static Refusal notActive(
      UUID grantId, GrantStatus status, Integer lastFiscalYear, int fiscalYear, long requestedYen) {
    String reason =
        status == GrantStatus.CLOSED
            ? "grant " + grantId + " is closed; no more money moves"
            : "grant "
                + grantId
                + " was terminated after FY"
                + lastFiscalYear
                + "; nothing may be disbursed for FY"
                + fiscalYear;
    return new Refusal(LedgerRule.GRANT_NOT_ACTIVE, null, requestedYen, 0, reason);
  }

  public static Refusal outsideGrant(
      UUID grantId, int startFiscalYear, int endFiscalYear, int fiscalYear, long requestedYen) {
    return new Refusal(
        CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT,
        null,
        requestedYen,
        0,
        "grant "
            + grantId
            + " runs from FY"
            + startFiscalYear
            + " to FY"
            + endFiscalYear
            + "; FY"
            + fiscalYear
            + " asked");
  }

  public static Refusal ineligible(
      String programCode,
      ExpenseCategory category,
      Collection<ExpenseCategory> eligible,
      long requestedYen) {
    return new Refusal(
        CatalogRule.EXPENSE_ELIGIBLE,
        null,
        requestedYen,
        0,
        programCode + " does not fund " + category + " (eligible: " + eligible + ")");
  }

  public static Refusal unknownGrant(UUID grantId, long requestedYen) {
    return new Refusal(
        LedgerRule.UNKNOWN_GRANT,
        null,
        requestedYen,
        0,
        "the ledger has no award for grant " + grantId);
  }

  public static Refusal amountNotPositive(long requestedYen) {
    return new Refusal(
        LedgerRule.AMOUNT_POSITIVE,
        null,
        requestedYen,
        0,
        "a disbursement pays a positive amount of whole yen; " + requestedYen + " asked");
  }
}
