package jp.grants.grant.command;

import java.util.UUID;

/**
 * The awards a call for proposals still has: an award from a call takes one of its planned places
 * in the transaction that records the award, or is refused with {@code CALL-AWARDS-PLANNED} when
 * they are all taken (a program officer must first raise the number, with a reason). Injected into
 * the aggregate's award handler by Axon; grant-service's is {@code call.CallQuotaStore}.
 */
public interface CallQuota {

  /**
   * Takes one of the call's planned awards for the grant, or throws a {@link
   * jp.grants.contracts.rule.RuleViolation} of {@link GrantRule#CALL_AWARDS_PLANNED} when none is
   * left.
   */
  void take(UUID callId, UUID grantId);

  /** For grants outside a call only (and aggregate tests): every award is allowed. */
  CallQuota NONE = (callId, grantId) -> {};
}
