package jp.grants.grant.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a call's history, as it was recorded and published on call-events. */
public record CallHistoryEntry(
    long sequence,
    UUID eventId,
    @Schema(description = "The event type, e.g. jp.grants.call.CallForProposalsOpened") String type,
    JsonNode data,
    String actor,
    String actorRole,
    Instant recordedAt) {}
