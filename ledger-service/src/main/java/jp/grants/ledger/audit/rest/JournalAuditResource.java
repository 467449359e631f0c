package jp.grants.ledger.audit.rest;

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
import java.util.UUID;
import jp.grants.ledger.audit.JournalAudit;
import jp.grants.ledger.audit.JournalAuditViews.JournalChainView;
import jp.grants.ledger.audit.JournalAuditViews.Verification;
import jp.grants.ledger.audit.JournalChainVerifier;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For auditors: a grant's journal as the hash chain holds it (every entry with its lines, linked to
 * the one before), proof that no entry or line was altered, removed or replaced, and an export the
 * offline verifier checks.
 */
@Path("/api/v1/audit/ledger/grants/{grantId}/journal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit",
    description =
        "The journal as hash chains, one per grant and one per budget pool: every entry and line, recomputed from the rows, and exports")
public class JournalAuditResource {
  @Inject JournalAudit audit;
  @Inject ChainAnswers answers;

  @GET
  @Operation(
      summary =
          "Every journal entry of the grant as a link of its hash chain, in sequence: kind, amounts,"
              + " who caused it, its balanced lines (the canonical JSON the hash covers), previous hash and hash")
  @APIResponse(responseCode = "200", description = "The grant's journal chain")
  @APIResponse(responseCode = "404", description = "The ledger has no journal entry for the grant")
  public JournalChainView journal(@PathParam("grantId") UUID grantId) {
    return answers.view(grantId, existing(grantId));
  }

  @GET
  @Path("/verify")
  @Operation(
      summary =
          "Recompute the grant's journal chain from the stored entries and lines and report the first"
              + " entry that is altered, re-hashed or missing, or a head that is not the newest entry's hash")
  @APIResponse(
      responseCode = "200",
      description = "The verification: valid, or the first broken link and why")
  @APIResponse(responseCode = "404", description = "The ledger has no journal entry for the grant")
  public Verification verify(@PathParam("grantId") UUID grantId) {
    JournalAudit.Chain chain = existing(grantId);
    return JournalChainVerifier.verify(grantId, chain.chainId(), chain.links(), chain.head());
  }

  @GET
  @Path("/export")
  @Produces(ChainAnswers.NDJSON)
  @Operation(
      summary =
          "The grant's journal chain as NDJSON, one entry per line in grant-service's export format"
              + " (its canonical JSON in Base64, previous hash and hash) up to the head a signed"
              + " checkpoint of the ledger-service holds, then the exportProof line, for audit-verifier")
  @APIResponse(
      responseCode = "200",
      description =
          "The export, one JSON object per line, the last the exportProof against a signed checkpoint of the ledger-service")
  @APIResponse(
      responseCode = "404",
      description =
          "The ledger has no journal entry for the grant, or no checkpoint with the index since")
  public Response export(
      @PathParam("grantId") UUID grantId,
      @QueryParam("since") @Min(0) Long since,
      @Context SecurityContext security) {
    return answers.export(
        existing(grantId).chainId(), since, security, "ledger-journal-grant-" + grantId);
  }

  private JournalAudit.Chain existing(UUID grantId) {
    JournalAudit.Chain chain = audit.ofGrant(grantId);
    if (chain.isEmpty()) {
      throw new NotFoundException("the ledger has no journal entry for grant " + grantId);
    }
    return chain;
  }
}
