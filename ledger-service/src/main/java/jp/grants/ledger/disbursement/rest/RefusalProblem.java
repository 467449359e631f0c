package jp.grants.ledger.disbursement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.rule.Rule;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.idempotency.PlatformRule;

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
    // The stored row keeps the rule's wire name; its kind gives the status.
    Rule.Kind kind = LedgerRule.named(d.rule).kind();
    return new RefusalProblem(
        URI.create("urn:jp-grants:problem:rule:" + d.rule),
        kind.title(),
        kind.status(),
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
    Rule rule = refusal.rule();
    return new RefusalProblem(
        URI.create("urn:jp-grants:problem:rule:" + rule.code()),
        rule.kind().title(),
        rule.kind().status(),
        refusal.reason(),
        instance,
        rule.code(),
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
        URI.create("urn:jp-grants:problem:rule:" + PlatformRule.IDEMPOTENCY_KEY_REUSED.code()),
        PlatformRule.IDEMPOTENCY_KEY_REUSED.kind().title(),
        PlatformRule.IDEMPOTENCY_KEY_REUSED.kind().status(),
        "Idempotency-Key "
            + key
            + " was used before with a different request; use a new key for a new disbursement",
        instance,
        PlatformRule.IDEMPOTENCY_KEY_REUSED.code(),
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
