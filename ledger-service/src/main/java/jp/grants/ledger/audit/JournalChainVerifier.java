package jp.grants.ledger.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.ledger.audit.JournalAuditViews.BrokenLink;
import jp.grants.ledger.audit.JournalAuditViews.ChainBreak;
import jp.grants.ledger.audit.JournalAuditViews.Verification;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.StoredLinks;

/**
 * Checks a journal chain from its rows: each entry's hash recomputed from its stored row and lines,
 * each link against the hash before it, the sequence without gaps, and the newest entry against the
 * head the ledger keeps. Names the first entry that is wrong or missing and why.
 */
public final class JournalChainVerifier {
  private JournalChainVerifier() {}

  public static Verification verify(
      UUID grantId, String chainId, List<StoredLinks.Link> links, Optional<ChainHeads.Link> head) {
    byte[] previous = ChainHash.GENESIS;
    long expected = 0;
    Long headSequence = head.map(ChainHeads.Link::sequence).orElse(null);
    String headHash = head.map(h -> ExportedEvent.hex(h.hash())).orElse(null);
    StoredLinks.Link before = null;
    for (StoredLinks.Link link : links) {
      BrokenLink broken = check(link, before, expected, previous);
      if (broken != null) {
        return new Verification(
            grantId,
            chainId,
            false,
            expected,
            headSequence,
            headHash,
            ExportedEvent.hex(previous),
            broken);
      }
      previous = link.entryHash();
      before = link;
      expected++;
    }
    BrokenLink broken = checkHead(before, expected, previous, head);
    return new Verification(
        grantId,
        chainId,
        broken == null,
        expected,
        headSequence,
        headHash,
        ExportedEvent.hex(previous),
        broken);
  }

  private static BrokenLink check(
      StoredLinks.Link link, StoredLinks.Link before, long expected, byte[] previous) {
    long sequence = link.sequence() == null ? -1 : link.sequence();
    if (sequence != expected) {
      return new BrokenLink(
          expected,
          null,
          ChainBreak.REMOVED,
          "entry "
              + expected
              + " is missing: the next stored entry is "
              + sequence
              + " ("
              + link.entryId()
              + ")");
    }
    if (!Arrays.equals(link.previousHash(), previous)) {
      if (before == null || Arrays.equals(link.recompute(previous), link.entryHash())) {
        return new BrokenLink(
            sequence,
            link.entryId(),
            ChainBreak.ALTERED,
            "the entry's previous_hash was changed: it is not the hash of the entry before it");
      }
      return new BrokenLink(
          sequence - 1,
          before.entryId(),
          ChainBreak.REHASHED,
          "entry "
              + (sequence - 1)
              + "'s hash is not the previous hash entry "
              + sequence
              + " was linked to: it was re-hashed after a change, or replaced");
    }
    if (!Arrays.equals(link.recompute(previous), link.entryHash())) {
      return new BrokenLink(
          sequence,
          link.entryId(),
          ChainBreak.ALTERED,
          "the entry's stored row and lines do not hash to its entry_hash: a column or a line was"
              + " changed, added or removed since it was written");
    }
    return null;
  }

  private static BrokenLink checkHead(
      StoredLinks.Link last, long count, byte[] lastHash, Optional<ChainHeads.Link> head) {
    long lastSequence = count - 1;
    if (head.isEmpty()) {
      return last == null
          ? null
          : new BrokenLink(
              0,
              null,
              ChainBreak.HEAD_MISMATCH,
              "the ledger keeps no head for a chain with entries");
    }
    long headSequence = head.get().sequence();
    if (headSequence > lastSequence) {
      return new BrokenLink(
          lastSequence + 1,
          null,
          ChainBreak.REMOVED,
          "the chain head is at sequence "
              + headSequence
              + " but the stored entries end at "
              + lastSequence
              + ": the newest entries were removed");
    }
    if (headSequence < lastSequence) {
      return new BrokenLink(
          headSequence + 1,
          null,
          ChainBreak.HEAD_MISMATCH,
          "entries after the head's sequence "
              + headSequence
              + " were written around the ledger (the stored entries end at "
              + lastSequence
              + ")");
    }
    if (!Arrays.equals(head.get().hash(), lastHash)) {
      return new BrokenLink(
          lastSequence,
          last.entryId(),
          ChainBreak.REHASHED,
          "the newest entry's hash is not the chain head the ledger recorded: it was re-hashed"
              + " after a change, or replaced");
    }
    return null;
  }
}
