package jp.grants.contracts.audit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Walks exported events in order and finds the first that breaks its grant's chain: a hash that
 * does not match the event's content, a previous hash that is not the hash before it, or a gap in
 * the sequence. Used by the service's verify endpoint and by the offline verifier alike.
 */
public final class ChainVerifier {
  private String grant;
  private long expectedSequence;
  private byte[] previous = ChainHash.GENESIS;
  private long events;
  private long grants;

  /** Why an event breaks the chain, if it does; the verifier then stays at the last good link. */
  public Optional<String> accept(ExportedEvent event) {
    if (!event.grantId().equals(grant)) {
      if (event.sequence() != 0) {
        return Optional.of(
            "grant " + event.grantId() + " starts at sequence " + event.sequence() + ", not 0");
      }
      grant = event.grantId();
      expectedSequence = 0;
      previous = ChainHash.GENESIS;
      grants++;
    }
    if (event.sequence() != expectedSequence) {
      return Optional.of(
          "sequence "
              + event.sequence()
              + " found where "
              + expectedSequence
              + " was due: events are missing or reordered");
    }
    byte[] statedPrevious = HexFormat.of().parseHex(event.previousHash());
    if (!Arrays.equals(statedPrevious, previous)) {
      return Optional.of(
          "previous hash does not match the hash of event " + (expectedSequence - 1));
    }
    byte[] recomputed = event.recompute(previous);
    if (!Arrays.equals(recomputed, HexFormat.of().parseHex(event.hash()))) {
      return Optional.of(
          "hash does not match the event's content: event " + event.eventId() + " was altered");
    }
    previous = recomputed;
    expectedSequence++;
    events++;
    return Optional.empty();
  }

  /** The hash of the last event accepted, to compare with the service's chain head. */
  public byte[] head() {
    return previous.clone();
  }

  public long events() {
    return events;
  }

  public long grants() {
    return grants;
  }
}
