package jp.grants.review.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** What the decision chain's audit API answers. */
public final class DecisionAuditViews {
  private DecisionAuditViews() {}

  /**
   * A chained record with who caused it.
   *
   * @param type CommitteeDecisionRecorded or CommitteeDecisionRefusedRecorded
   * @param data the stored payload, parsed (the hash covers the stored bytes)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChainedRecord(
      long sequence,
      String eventId,
      String type,
      String payloadType,
      String schemaVersion,
      String timestamp,
      String actor,
      String actorRole,
      String correlationId,
      String causationId,
      String previousHash,
      String hash,
      JsonNode data) {}

  public record DecisionHistory(UUID grantId, int total, List<ChainedRecord> records) {}

  /**
   * The chain walked with contracts' ChainVerifier and compared with the head the service keeps.
   *
   * @param chainHead the newest hash the service recorded (absent before the first decision)
   * @param recomputedHead the hash of the last record that verified
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Verification(
      UUID grantId,
      boolean valid,
      long recordsChecked,
      String chainHead,
      String recomputedHead,
      BrokenLink firstBrokenLink) {}

  /**
   * @param sequence the record that breaks the chain (for a head mismatch: the head's sequence)
   * @param eventId that record's event id, where it is stored
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BrokenLink(long sequence, String eventId, String reason) {}
}
