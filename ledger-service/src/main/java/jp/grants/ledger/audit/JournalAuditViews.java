package jp.grants.ledger.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** What the journal chain's audit API answers. */
public final class JournalAuditViews {
  private JournalAuditViews() {}

  /**
   * A journal entry as a link of its grant's chain.
   *
   * @param position the order in which the ledger wrote it, among all entries
   * @param timestamp when it was recorded, as the hash reads it (UTC, microseconds)
   * @param data the entry's canonical JSON, rebuilt from its stored row and lines (what the hash
   *     covers)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChainedEntry(
      long sequence,
      UUID entryId,
      long position,
      String kind,
      String timestamp,
      String payloadType,
      String actor,
      String actorRole,
      String previousHash,
      String hash,
      JsonNode data) {}

  /**
   * @param grantId absent for a pool's chain
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JournalChainView(
      UUID grantId, String chainId, int total, List<ChainedEntry> entries) {}

  /**
   * Why a chain does not verify (not named Problem: that is the RFC 9457 schema of every error).
   */
  public enum ChainBreak {
    /** The entry's rows (a column, a line's amount or account, a line added or removed) changed. */
    ALTERED,
    /**
     * The entry's hash was recomputed after a change: the next link, or the head, does not match.
     */
    REHASHED,
    /** Entries are missing: a gap in the sequence, or the newest ones behind the head. */
    REMOVED,
    /** The chain head does not name the newest stored entry (entries written around the ledger). */
    HEAD_MISMATCH
  }

  /**
   * The chain recomputed from the rows and compared with the head the ledger keeps.
   *
   * @param chainHead the newest hash the ledger recorded
   * @param chainHeadSequence its sequence
   * @param recomputedHead the hash of the last entry that verified
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Verification(
      UUID grantId,
      String chainId,
      boolean valid,
      long entriesChecked,
      Long chainHeadSequence,
      String chainHead,
      String recomputedHead,
      BrokenLink firstBrokenLink) {}

  /**
   * @param sequence the first entry that is wrong or missing
   * @param entryId that entry's id, where it is stored
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BrokenLink(long sequence, UUID entryId, ChainBreak problem, String reason) {}
}
