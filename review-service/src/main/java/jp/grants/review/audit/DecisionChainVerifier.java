package jp.grants.review.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.audit.ChainVerifier;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.review.audit.DecisionAuditViews.BrokenLink;
import jp.grants.review.audit.DecisionAuditViews.Verification;

/**
 * Checks a grant's decision chain as grant-service checks its event chain: the first record whose
 * link or hash breaks, or else a head that is not the last record's hash (records removed or
 * replaced).
 */
public final class DecisionChainVerifier {
  static final String HEAD_MISMATCH =
      "the chain head recorded by the service is not the last stored record's hash: records were"
          + " removed or replaced";

  private DecisionChainVerifier() {}

  public static Verification verify(
      UUID grantId, List<ExportedEvent> records, Optional<DecisionChain.Head> head) {
    ChainVerifier verifier = new ChainVerifier();
    String headHash = head.map(DecisionChain.Head::hash).orElse(null);
    for (ExportedEvent record : records) {
      Optional<String> broken = verifier.accept(record);
      if (broken.isPresent()) {
        return new Verification(
            grantId,
            false,
            verifier.events(),
            headHash,
            ExportedEvent.hex(verifier.head()),
            new BrokenLink(record.sequence(), record.eventId(), broken.get()));
      }
    }
    if (records.isEmpty() && head.isEmpty()) {
      return new Verification(grantId, true, 0, null, null, null);
    }
    String recomputed = ExportedEvent.hex(verifier.head());
    if (!recomputed.equals(headHash)) {
      ExportedEvent last = records.isEmpty() ? null : records.get(records.size() - 1);
      long lastSequence = last == null ? -1 : last.sequence();
      return new Verification(
          grantId,
          false,
          verifier.events(),
          headHash,
          recomputed,
          new BrokenLink(
              head.map(DecisionChain.Head::sequence).orElse(lastSequence),
              last == null ? null : last.eventId(),
              HEAD_MISMATCH
                  + " (the head is at sequence "
                  + head.map(h -> Long.toString(h.sequence())).orElse("none")
                  + ", the stored records end at "
                  + (last == null ? "none" : Long.toString(lastSequence))
                  + ")"));
    }
    return new Verification(grantId, true, verifier.events(), headHash, recomputed, null);
  }
}
