package jp.grants.ledger.rule;

import static jp.grants.contracts.rule.Rule.Kind.CONFLICT;
import static jp.grants.contracts.rule.Rule.Kind.FORBIDDEN;
import static jp.grants.contracts.rule.Rule.Kind.NOT_FOUND;
import static jp.grants.contracts.rule.Rule.Kind.UNPROCESSABLE;

import java.util.Arrays;
import java.util.stream.Stream;
import jp.grants.catalog.CatalogRule;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.rule.Rule;
import jp.grants.platform.idempotency.PlatformRule;

/**
 * The rules by which the ledger refuses a disbursement, a carry-over or refund, an annual report,
 * its approval or a settlement, each with its stable wire name and kind. Clients may rely on the
 * names; they are part of the API (problem {@code rule}, DisbursementRejected {@code rule}). A
 * refusal by the state of the money (a cap, the grant's status) is a conflict (HTTP 409); by who
 * may ask, forbidden (403); a request that breaks a rule of its program or grant by itself is
 * unprocessable (422). The rules the ledger shares with grant-service (EXPENSE-ELIGIBLE,
 * FISCAL-YEAR-OUTSIDE-GRANT, GRANT-SETTLED, GRANT-SUSPENDED) are {@link CatalogRule}'s.
 */
public enum LedgerRule implements Rule {
  /** The grant's allocation for the fiscal year would be exceeded. */
  CAP_GRANT_FISCAL_YEAR("LEDGER-CAP-GRANT-FISCAL-YEAR", CONFLICT),

  /** The grant's total award over its whole life would be exceeded. */
  CAP_GRANT_TOTAL("LEDGER-CAP-GRANT-TOTAL", CONFLICT),

  /** The budget pool's budget for the fiscal year would be exceeded (or there is none). */
  CAP_PROGRAM_FISCAL_YEAR("LEDGER-CAP-PROGRAM-FISCAL-YEAR", CONFLICT),

  /** The grant is closed, or terminated before the fiscal year asked for. */
  GRANT_NOT_ACTIVE("GRANT-NOT-ACTIVE", CONFLICT),

  /**
   * The ledger has no award for the grant. A conflict for a disbursement or a grant event refused
   * by it (the award may arrive); a REST request naming the grant (a disbursement, a movement, its
   * reports, settlement or reconciliation) answers 404 with this rule instead.
   */
  UNKNOWN_GRANT("UNKNOWN-GRANT", CONFLICT),

  /** A disbursement moves a positive amount of yen (requests from events; REST validates it). */
  AMOUNT_POSITIVE("DISBURSEMENT-AMOUNT-POSITIVE", UNPROCESSABLE),

  /**
   * The fund the grant's pool draws on would be exceeded, or the fund does not cover the fiscal
   * year (cap level PROGRAM_FISCAL_YEAR: widening the CapLevel enum would break event schema v1).
   */
  CAP_PROGRAM_FUND("LEDGER-CAP-PROGRAM-FUND", CONFLICT),

  /** A carry-over goes past the grant's last year (its end, or its last year when terminated). */
  CARRY_OVER_PAST_LAST_YEAR("CARRY-OVER-PAST-LAST-YEAR", UNPROCESSABLE),

  /**
   * A fiscal year may be carried over from 1 January of the calendar year it ends in, not before.
   */
  CARRY_OVER_TOO_EARLY("CARRY-OVER-TOO-EARLY", CONFLICT),

  /**
   * A yearly subsidy's money moves to the next year only with a program officer's approval and a
   * reason.
   */
  CARRY_OVER_APPROVAL_REQUIRED("CARRY-OVER-APPROVAL-REQUIRED", FORBIDDEN),

  /**
   * More than the year's unpaid allocation and paid-but-unspent money (less what was reported
   * spent).
   */
  CARRY_OVER_EXCEEDS_UNSPENT("CARRY-OVER-EXCEEDS-UNSPENT", CONFLICT),

  /** A refund returns at most what the year holds (paid, less refunded and carried out). */
  REFUND_EXCEEDS_PAID("REFUND-EXCEEDS-PAID", CONFLICT),

  /** Only a program officer orders a return, and with a reason. */
  REFUND_ORDER_REQUIRES_PROGRAM_OFFICER("REFUND-ORDER-REQUIRES-PROGRAM-OFFICER", FORBIDDEN),

  /** A voluntary return is made by the recipient (applicant) or finance, not ordered. */
  REFUND_VOLUNTARY_BY_RECIPIENT("REFUND-VOLUNTARY-BY-RECIPIENT", FORBIDDEN),

  /** An ordered return names its reason. */
  REFUND_REASON_REQUIRED("REFUND-REASON-REQUIRED", UNPROCESSABLE),

  /**
   * The report claims more than the year holds (paid less refunded and carried out, plus carried
   * in). Unprocessable for a report submitted; an approval of a report the year no longer covers
   * answers it as a conflict ({@code AnnualReports.approve}).
   */
  REPORT_EXCEEDS_PAID("REPORT-EXCEEDS-PAID", UNPROCESSABLE),

  /** The grant-year has a report already (another request than the one that made it). */
  REPORT_ALREADY_SUBMITTED("REPORT-ALREADY-SUBMITTED", CONFLICT),

  /** Approval of a report that is not awaiting approval. */
  REPORT_NOT_AWAITING_APPROVAL("REPORT-NOT-AWAITING-APPROVAL", CONFLICT),

  /** No report for the grant-year. */
  UNKNOWN_REPORT("UNKNOWN-REPORT", NOT_FOUND),

  /** The grant was not settled: it has no settlement to show. */
  UNKNOWN_SETTLEMENT("UNKNOWN-SETTLEMENT", NOT_FOUND),

  /** No program or budget pool of that code. */
  UNKNOWN_PROGRAM("UNKNOWN-PROGRAM", NOT_FOUND),

  /** The grant still runs (ACTIVE, and today's fiscal year is not after its end year). */
  SETTLEMENT_GRANT_RUNNING("SETTLEMENT-GRANT-RUNNING", CONFLICT),

  /** A year with money has no accepted annual report. */
  SETTLEMENT_YEAR_UNREPORTED("SETTLEMENT-YEAR-UNREPORTED", CONFLICT),

  /**
   * A reported year holds money other than what its report spent (to be carried over or refunded).
   */
  SETTLEMENT_MONEY_UNSETTLED("SETTLEMENT-MONEY-UNSETTLED", CONFLICT),

  /** An administrator may not set a budget below what was already disbursed from it. */
  BUDGET_BELOW_DISBURSED("LEDGER-BUDGET-BELOW-DISBURSED", CONFLICT),

  /** A fund has one total over its term (PUT /programs/{pool}/fund), no budget per year. */
  POOL_IS_FUND("LEDGER-POOL-IS-FUND", CONFLICT),

  /** A yearly pool has a budget per year, no total. */
  POOL_IS_YEARLY("LEDGER-POOL-IS-YEARLY", CONFLICT);

  private final String code;
  private final Kind kind;

  LedgerRule(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  public static LedgerRule cap(CapLevel level) {
    return switch (level) {
      case GRANT_FISCAL_YEAR -> CAP_GRANT_FISCAL_YEAR;
      case GRANT_TOTAL -> CAP_GRANT_TOTAL;
      case PROGRAM_FISCAL_YEAR -> CAP_PROGRAM_FISCAL_YEAR;
    };
  }

  /**
   * The rule of a stored refusal's wire name: the ledger's own, the catalog's shared ones or the
   * platform's. A stored refusal was written from a typed rule, so an unknown name is a broken row.
   */
  public static Rule named(String code) {
    return Stream.of(values(), CatalogRule.values(), PlatformRule.values())
        .flatMap(Arrays::stream)
        .filter(r -> r.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no rule of the ledger is named " + code));
  }
}
