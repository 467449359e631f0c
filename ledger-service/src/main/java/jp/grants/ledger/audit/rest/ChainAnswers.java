package jp.grants.ledger.audit.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.HexFormat;
import java.util.UUID;
import jp.grants.ledger.audit.JournalAudit;
import jp.grants.ledger.audit.JournalAuditViews.ChainedEntry;
import jp.grants.ledger.audit.JournalAuditViews.JournalChainView;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.ledger.journal.persistence.StoredLinks;

/** The answers of the journal chain's audit endpoints, a grant's chain or a pool's alike. */
@ApplicationScoped
class ChainAnswers {
  static final String NDJSON = "application/x-ndjson";

  @Inject JournalAudit audit;

  JournalChainView view(UUID grantId, JournalAudit.Chain chain) {
    return new JournalChainView(
        grantId,
        chain.chainId(),
        chain.links().size(),
        chain.links().stream().map(this::chained).toList());
  }

  /** NDJSON, one contracts' ExportedEvent per entry (no checkpoint proof line yet). */
  Response export(JournalAudit.Chain chain, String name) {
    StreamingOutput body =
        out -> {
          for (StoredLinks.Link link : chain.links()) {
            out.write(audit.json().writeValueAsBytes(audit.exported(link)));
            out.write('\n');
          }
        };
    return Response.ok(body, NDJSON)
        .header("Content-Disposition", "attachment; filename=\"" + name + ".ndjson\"")
        .build();
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
