package jp.grants.grant.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.grant.command.GrantView;

/** What the audit API answers. */
public final class AuditViews {
  private AuditViews() {}

  /**
   * A stored event with who caused it and why, and the catalog version it was checked against
   * (absent on events recorded before catalog versioning: their grant's baseline version applies).
   */
  public record AuditedEvent(
      long sequence,
      String eventId,
      String type,
      String schemaVersion,
      String timestamp,
      String actor,
      String actorRole,
      String correlationId,
      String causationId,
      String command,
      String request,
      String catalogVersion,
      String previousHash,
      String hash,
      JsonNode data) {}

  public record History(UUID grantId, long total, int page, int size, List<AuditedEvent> events) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StateAt(
      UUID grantId, Instant asOf, Long atSequence, long lastSequence, GrantView state) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Verification(
      UUID grantId,
      boolean valid,
      long eventsChecked,
      String chainHead,
      String recomputedHead,
      BrokenLink firstBrokenLink) {}

  public record BrokenLink(long sequence, String eventId, String reason) {}
}
