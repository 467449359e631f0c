package jp.grants.ledger.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
import jp.grants.ledger.audit.JournalAudit;
import jp.grants.ledger.audit.JournalAuditViews.JournalChainView;
import jp.grants.ledger.audit.JournalAuditViews.Verification;
import jp.grants.ledger.audit.JournalChainVerifier;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For auditors: the journal entries without a grant (a pool's budgets per fiscal year, a fund's
 * total, fund migrations) as their pool's hash chain, {@code pool:<code>}, checked as a grant's.
 */
@Path("/api/v1/audit/ledger/pools/{pool}/journal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit",
    description =
        "The journal as hash chains, one per grant and one per budget pool: every entry and line, recomputed from the rows, and exports")
public class PoolJournalAuditResource {
  @Inject JournalAudit audit;
  @Inject ChainAnswers answers;

  @GET
  @Operation(
      summary =
          "Every journal entry of the budget pool that names no grant (budgets, fund totals, fund"
              + " migrations) as a link of the pool's hash chain, in sequence")
  @APIResponse(responseCode = "200", description = "The pool's journal chain")
  @APIResponse(responseCode = "404", description = "The ledger has no such entry for the pool")
  public JournalChainView journal(
      @PathParam("pool")
          @Parameter(description = "The budget pool's code, e.g. `WPI`")
          @Pattern(regexp = "[A-Z0-9-]{1,50}")
          String pool) {
    return answers.view(null, existing(pool));
  }

  @GET
  @Path("/verify")
  @Operation(
      summary =
          "Recompute the pool's journal chain from the stored entries and lines and report the first"
              + " entry that is altered, re-hashed or missing, or a head that is not the newest entry's hash")
  @APIResponse(
      responseCode = "200",
      description = "The verification: valid, or the first broken link and why")
  @APIResponse(responseCode = "404", description = "The ledger has no such entry for the pool")
  public Verification verify(@PathParam("pool") @Pattern(regexp = "[A-Z0-9-]{1,50}") String pool) {
    JournalAudit.Chain chain = existing(pool);
    return JournalChainVerifier.verify(null, chain.chainId(), chain.links(), chain.head());
  }

  @GET
  @Path("/export")
  @Produces(ChainAnswers.NDJSON)
  @Operation(
      summary =
          "The pool's journal chain as NDJSON in grant-service's export format up to the head a signed"
              + " checkpoint of the ledger-service holds, then the exportProof line, for audit-verifier")
  @APIResponse(
      responseCode = "200",
      description =
          "The export, one JSON object per line, the last the exportProof against a signed checkpoint of the ledger-service")
  @APIResponse(
      responseCode = "404",
      description =
          "The ledger has no such entry for the pool, or no checkpoint with the index since")
  public Response export(
      @PathParam("pool") @Pattern(regexp = "[A-Z0-9-]{1,50}") String pool,
      @QueryParam("since") @Min(0) Long since,
      @Context SecurityContext security) {
    return answers.export(existing(pool).chainId(), since, security, "ledger-journal-pool-" + pool);
  }

  private JournalAudit.Chain existing(String pool) {
    JournalAudit.Chain chain = audit.of(JournalChain.POOL_PREFIX + pool);
    if (chain.isEmpty()) {
      throw new NotFoundException(
          "the ledger has no journal entry of pool " + pool + " without a grant");
    }
    return chain;
  }
}
