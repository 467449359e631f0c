package jp.grants.ledger.disbursement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.UUID;
import jp.grants.catalog.RuleViolation;
import jp.grants.contracts.CapLevel;
import jp.grants.ledger.disbursement.domain.LedgerRules;
import jp.grants.ledger.disbursement.persistence.Disbursement;

/**
 * An RFC 9457 problem for a refused disbursement, with extension members that say which rule and
 * which cap refused it, what was asked and what was left under that cap.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefusalProblem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String rule,
    CapLevel capLevel,
    Long requestedYen,
    Long headroomYen,
    UUID disbursementId,
    UUID grantId,
    Integer fiscalYear) {

  public static RefusalProblem of(Disbursement d, String instance) {
    boolean conflict = LedgerRules.kindOf(d.rule) == RuleViolation.Kind.CONFLICT;
    return new RefusalProblem(
        URI.create("urn:jp-grants:problem:rule:" + d.rule),
        conflict ? "Refused by the resource's state" : "Refused by a program rule",
        conflict ? 409 : 422,
        d.reason,
        instance,
        d.rule,
        d.capLevel,
        d.amountYen,
        d.headroomYen,
        d.disbursementId,
        d.grantId,
        d.fiscalYear);
  }

  /**
   * A refused carry-over or refund (nothing written): the rule, what was asked and what could move.
   */
  public static RefusalProblem of(
      jp.grants.ledger.disbursement.domain.Refusal refusal,
      UUID grantId,
      Integer fiscalYear,
      String instance) {
    int status = LedgerRules.status(refusal.rule());
    String title =
        switch (status) {
          case 403 -> "Not allowed to this role";
          case 409 -> "Refused by the resource's state";
          default -> "Refused by a program rule";
        };
    return new RefusalProblem(
        URI.create("urn:jp-grants:problem:rule:" + refusal.rule()),
        title,
        status,
        refusal.reason(),
        instance,
        refusal.rule(),
        refusal.capLevel(),
        refusal.requestedYen(),
        refusal.headroomYen(),
        null,
        grantId,
        fiscalYear);
  }

  /** The same Idempotency-Key came with a different request. */
  public static RefusalProblem reusedKey(String key, String instance) {
    return new RefusalProblem(
        URI.create("urn:jp-grants:problem:rule:" + LedgerRules.IDEMPOTENCY_KEY_REUSED),
        "Refused by a program rule",
        422,
        "Idempotency-Key "
            + key
            + " was used before with a different request; use a new key for a new disbursement",
        instance,
        LedgerRules.IDEMPOTENCY_KEY_REUSED,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
