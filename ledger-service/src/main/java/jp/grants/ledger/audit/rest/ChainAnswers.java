package jp.grants.ledger.audit.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.ledger.audit.JournalAudit;
import jp.grants.ledger.audit.JournalAuditViews.ChainedEntry;
import jp.grants.ledger.audit.JournalAuditViews.JournalChainView;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.ledger.journal.persistence.StoredLinks;
import jp.grants.platform.audit.ExportProofs;
import jp.grants.platform.audit.NdjsonExport;

/** The answers of the journal chain's audit endpoints, a grant's chain or a pool's alike. */
@ApplicationScoped
class ChainAnswers {
  static final String NDJSON = NdjsonExport.NDJSON;

  /** The export proof's scope: one journal chain (a grant's or a budget pool's). */
  static final String SCOPE = "journal";

  @Inject JournalAudit audit;
  @Inject ExportProofs proofs;

  JournalChainView view(UUID grantId, JournalAudit.Chain chain) {
    return new JournalChainView(
        grantId,
        chain.chainId(),
        chain.links().size(),
        chain.links().stream().map(this::chained).toList());
  }

  /**
   * NDJSON, one contracts' ExportedEvent per entry up to the head a signed checkpoint of the
   * ledger-service holds (taken for the export), then platform's {@code {"exportProof": …}} line:
   * that checkpoint, the chain head's inclusion proof, the signed manifest and, with since, the
   * proofs against an earlier checkpoint.
   */
  Response export(String chainId, Long since, SecurityContext security, String name) {
    proofs.checkSince(since);
    String by = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    ExportProofs.ChainsPrepared prepared =
        proofs.prepareChains(SCOPE, chainId, null, List.of(chainId), since, by);
    return NdjsonExport.ofChains(prepared, name, this::streamUpTo);
  }

  /** Each chain's entries in sequence up to (and with) the last sequence the checkpoint holds. */
  private void streamUpTo(Map<String, Long> lastSequences, Consumer<ExportedEvent> sink) {
    lastSequences.forEach(
        (chainId, last) ->
            audit.of(chainId).links().stream()
                .filter(link -> link.sequence() != null && link.sequence() <= last)
                .map(audit::exported)
                .forEach(sink));
  }

  private ChainedEntry chained(StoredLinks.Link link) {
    return new ChainedEntry(
        link.sequence() == null ? -1 : link.sequence(),
        link.entryId(),
        link.position(),
        link.content().kind(),
        link.timestamp(),
        JournalChain.PAYLOAD_TYPE,
        link.content().actor(),
        link.content().actorRole(),
        link.previousHash() == null ? null : HexFormat.of().formatHex(link.previousHash()),
        link.entryHash() == null ? null : HexFormat.of().formatHex(link.entryHash()),
        audit.parse(link.payload()));
  }
}
