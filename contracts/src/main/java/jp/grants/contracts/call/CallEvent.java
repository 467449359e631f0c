package jp.grants.contracts.call;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;

/**
 * Events of a call for proposals (公募), published on {@code call-events}. They concern a call, not
 * one grant: their subject (and record key) is the call's id, which {@link #grantId()} answers so
 * that they travel in the same envelope as every other event. A proposal names its call in {@code
 * ProposalSubmitted.callId}.
 */
public sealed interface CallEvent extends DomainEvent
    permits CallForProposalsOpened, CallPlannedAwardsChanged, CallForProposalsClosed {
  UUID callId();

  /** The call's id: the subject and key of the record. */
  @Override
  @JsonIgnore
  default UUID grantId() {
    return callId();
  }
}
