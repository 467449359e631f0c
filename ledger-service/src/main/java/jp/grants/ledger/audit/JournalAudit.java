package jp.grants.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.StoredLinks;

/**
 * A grant's journal as its hash chain, read for auditors: the entries with their links, the head
 * the ledger keeps, and the export lines (contracts' {@link ExportedEvent}, as grant-service
 * exports its events) whose payload is each entry's canonical JSON rebuilt from its rows.
 */
@ApplicationScoped
public class JournalAudit {
  private final ObjectMapper json = EventJson.newMapper();

  @Inject DataSource dataSource;

  /** The chain and its head, read in one transaction snapshot. */
  public record Chain(
      String chainId, List<StoredLinks.Link> links, Optional<ChainHeads.Link> head) {
    public boolean isEmpty() {
      return links.isEmpty() && head.isEmpty();
    }
  }

  public Chain ofGrant(UUID grantId) {
    return of(JournalChain.grantChain(grantId));
  }

  /** Any chain: a grant's (its id) or a pool's ({@code pool:<code>}). */
  public Chain of(String chainId) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        Chain chain = new Chain(chainId, StoredLinks.ofChain(c, chainId), head(c, chainId));
        c.commit();
        return chain;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal chain " + chainId, e);
    }
  }

  private static Optional<ChainHeads.Link> head(Connection c, String chainId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT chain_seq, entry_hash FROM journal_chain_head"
                + " WHERE chain_id = ? AND chain_seq >= 0")) {
      s.setString(1, chainId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new ChainHeads.Link(rs.getLong(1), rs.getBytes(2)))
            : Optional.empty();
      }
    }
  }

  /** The entry as an export line: what the offline verifier recomputes the hash from. */
  public ExportedEvent exported(StoredLinks.Link link) {
    byte[] payload = link.payload();
    return new ExportedEvent(
        link.chainId(),
        link.sequence() == null ? -1 : link.sequence(),
        link.entryId().toString(),
        link.content().kind(),
        JournalChain.PAYLOAD_TYPE,
        null,
        link.timestamp(),
        Base64.getEncoder().encodeToString(payload),
        null,
        parse(payload),
        link.previousHash() == null ? null : ExportedEvent.hex(link.previousHash()),
        link.entryHash() == null ? null : ExportedEvent.hex(link.entryHash()));
  }

  public JsonNode parse(byte[] payload) {
    try {
      return json.readTree(payload);
    } catch (IOException e) {
      throw new IllegalStateException("the canonical JSON of an entry is JSON", e);
    }
  }

  public ObjectMapper json() {
    return json;
  }
}
