package jp.grants.contracts.call;

import java.time.LocalDate;
import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * A program officer closed a call before its closing date: no proposal is accepted from then on. (A
 * call also stops accepting proposals after its closing date without this event.)
 *
 * @param closedOn the day it closed (Japan time)
 * @param proposals how many proposals it had received
 */
@SchemaVersion(1)
public record CallForProposalsClosed(UUID callId, LocalDate closedOn, int proposals, String reason)
    implements CallEvent {}
