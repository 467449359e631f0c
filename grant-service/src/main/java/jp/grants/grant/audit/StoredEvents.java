package jp.grants.grant.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.audit.ExportedEvent;

/**
 * The event store's rows as auditors see them: byte for byte, with their hashes, read straight from
 * PostgreSQL without going through any read model.
 */
@ApplicationScoped
public class StoredEvents {
  private static final String COLUMNS =
      "aggregate_identifier, sequence_number, event_identifier, payload_type,"
          + " payload_revision, time_stamp, payload, meta_data, previous_hash, event_hash";
  private final ObjectMapper json = EventJson.newMapper();

  @Inject DataSource dataSource;

  public List<ExportedEvent> of(UUID grantId) {
    List<ExportedEvent> events = new ArrayList<>();
    stream(
        "SELECT "
            + COLUMNS
            + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
        List.of(grantId.toString()),
        events::add);
    return events;
  }

  /**
   * Streams the events of the given grants, grant after grant, each in sequence up to (and with)
   * the given last sequence: the history as a checkpoint recorded it.
   */
  public void streamGrantsUpTo(Map<UUID, Long> lastSequences, Consumer<ExportedEvent> sink) {
    for (Map.Entry<UUID, Long> grant : lastSequences.entrySet()) {
      stream(
          "SELECT "
              + COLUMNS
              + " FROM domain_event_entry WHERE aggregate_identifier = ?"
              + " AND sequence_number <= CAST(? AS BIGINT) ORDER BY sequence_number",
          List.of(grant.getKey().toString(), grant.getValue().toString()),
          sink);
    }
  }

  /** The hash of the newest event the service recorded for the grant. */
  public Optional<byte[]> chainHead(UUID grantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT event_hash FROM grant_chain_head WHERE aggregate_identifier = ?")) {
      s.setString(1, grantId.toString());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The metadata of an exported event (who, why), decoded. */
  public JsonNode metaData(ExportedEvent event) {
    if (event.metaData() == null) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(Base64.getDecoder().decode(event.metaData()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stream(String sql, List<String> parameters, Consumer<ExportedEvent> sink) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // a server-side cursor: long histories are not held in memory at once
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setFetchSize(500);
        for (int i = 0; i < parameters.size(); i++) {
          s.setString(i + 1, parameters.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            sink.accept(row(rs));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the event store", e);
    }
  }

  private ExportedEvent row(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes("payload");
    byte[] metaData = rs.getBytes("meta_data");
    String payloadType = rs.getString("payload_type");
    return new ExportedEvent(
        rs.getString("aggregate_identifier"),
        rs.getLong("sequence_number"),
        rs.getString("event_identifier"),
        typeName(payloadType),
        payloadType,
        rs.getString("payload_revision"),
        rs.getString("time_stamp"),
        Base64.getEncoder().encodeToString(payload),
        metaData == null ? null : Base64.getEncoder().encodeToString(metaData),
        parse(payload),
        ExportedEvent.hex(rs.getBytes("previous_hash")),
        ExportedEvent.hex(rs.getBytes("event_hash")));
  }

  private JsonNode parse(byte[] payload) {
    try {
      return json.readTree(payload);
    } catch (IOException e) {
      return json.getNodeFactory().textNode("(payload is not JSON)");
    }
  }

  static String typeName(String payloadType) {
    try {
      return EventTypes.nameOf(Class.forName(payloadType));
    } catch (ClassNotFoundException | IllegalArgumentException e) {
      return payloadType;
    }
  }
}
