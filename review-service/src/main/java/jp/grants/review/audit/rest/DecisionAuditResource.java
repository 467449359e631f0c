package jp.grants.review.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.platform.security.Roles;
import jp.grants.review.audit.DecisionAuditViews.ChainedRecord;
import jp.grants.review.audit.DecisionAuditViews.DecisionHistory;
import jp.grants.review.audit.DecisionAuditViews.Verification;
import jp.grants.review.audit.DecisionChain;
import jp.grants.review.audit.DecisionChainVerifier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For auditors: the committee's decisions on a grant as the hash chain holds them (each with the
 * committee's composition, its members' countries and conflicts, and the scorecards at that
 * instant), and proof that none was altered, removed or replaced.
 */
@Path("/api/v1/audit/grants/{grantId}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit",
    description =
        "The committee's decisions on each grant, hash-chained with the committee and scorecards they rested on")
public class DecisionAuditResource {
  @Inject DecisionChain chain;

  @GET
  @Operation(
      summary =
          "Every chained record of the committee's decisions on a grant, in sequence: each decision"
              + " with the rule, the committee (members, countries, conflicts), the grant's parties,"
              + " the assignments and the scorecards, and each refusal of a decided round")
  public DecisionHistory decisions(@PathParam("grantId") UUID grantId) {
    List<ExportedEvent> records = chain.of(grantId);
    if (records.isEmpty() && chain.head(grantId).isEmpty()) {
      throw new NotFoundException("no committee decision is recorded for grant " + grantId);
    }
    return new DecisionHistory(
        grantId, records.size(), records.stream().map(this::chained).toList());
  }

  @GET
  @Path("/verify")
  @Operation(
      summary =
          "Recompute the grant's decision chain and report the first broken link, or a head that"
              + " is not the last record's hash")
  public Verification verifyDecisions(@PathParam("grantId") UUID grantId) {
    List<ExportedEvent> records = chain.of(grantId);
    Optional<DecisionChain.Head> head = chain.head(grantId);
    if (records.isEmpty() && head.isEmpty()) {
      throw new NotFoundException("no committee decision is recorded for grant " + grantId);
    }
    return DecisionChainVerifier.verify(grantId, records, head);
  }

  private ChainedRecord chained(ExportedEvent record) {
    JsonNode meta = chain.metaData(record);
    return new ChainedRecord(
        record.sequence(),
        record.eventId(),
        record.type(),
        record.payloadType(),
        record.payloadRevision(),
        record.timestamp(),
        text(meta, "actor"),
        text(meta, "actorRole"),
        text(meta, "correlationId"),
        text(meta, "causationId"),
        record.previousHash(),
        record.hash(),
        record.data());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
