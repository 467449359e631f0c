package jp.grants.review.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.platform.audit.ExportProofs;
import jp.grants.platform.audit.NdjsonExport;
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
 * instant), proof that none was altered, removed or replaced, and the export that proves it offline
 * against the review-service's signed checkpoints.
 */
@Path("/api/v1/audit/grants/{grantId}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit",
    description =
        "The committee's decisions on each grant, hash-chained with the committee and scorecards they rested on")
public class DecisionAuditResource {
  /** The export proof's scope: one grant's committee decisions. */
  static final String SCOPE = "decisions";

  @Inject DecisionChain chain;
  @Inject ExportProofs proofs;

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

  @GET
  @Path("/export")
  @Produces(NdjsonExport.NDJSON)
  @Operation(
      summary =
          "The grant's decision chain as NDJSON with its exportProof line, for audit-verifier",
      description =
          "One record per line with its hash, up to the head a signed checkpoint of the"
              + " review-service holds; the last line is the exportProof (that checkpoint, the"
              + " head's inclusion proof, the signed manifest and, with since, the proofs against"
              + " an earlier checkpoint), in the line format of grant-service's export")
  public Response export(
      @PathParam("grantId") UUID grantId,
      @QueryParam("since") @Min(0) Long since,
      @Context SecurityContext security) {
    if (chain.head(grantId).isEmpty()) {
      throw new NotFoundException("no committee decision is recorded for grant " + grantId);
    }
    proofs.checkSince(since);
    String by = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    ExportProofs.Prepared prepared =
        proofs.prepare(SCOPE, grantId.toString(), null, List.of(grantId), since, by);
    return NdjsonExport.of(prepared, "decisions-" + grantId, chain::streamUpTo);
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
