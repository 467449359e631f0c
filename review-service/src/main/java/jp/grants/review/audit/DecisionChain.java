package jp.grants.review.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
import jp.grants.contracts.review.CommitteeDecisionRecord;
import jp.grants.platform.messaging.EventMetadata;

/**
 * The committee's decisions as a per-grant hash chain (migration V5__decision_chain.sql): records
 * are appended in the transaction of the decision or refusal they describe, and the database
 * assigns each its sequence and hash, exactly as grant-service's event store does, so that
 * contracts' ChainVerifier checks them unchanged.
 */
@ApplicationScoped
public class DecisionChain {
  private static final String COLUMNS =
      "aggregate_identifier, sequence_number, event_identifier, payload_type,"
          + " payload_revision, time_stamp, payload, meta_data, previous_hash, event_hash";

  private final ObjectMapper json = EventJson.newMapper();

  @Inject DataSource dataSource;

  /** A record as the chain holds it: its place and hash. */
  public record Appended(long sequence, String hash) {}

  /**
   * Appends a record to its grant's chain, in the caller's transaction: it exists exactly when the
   * decision or refusal it describes does. The event id is unique: a record is never appended
   * twice.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Appended append(
      String eventId, CommitteeDecisionRecord record, Instant at, EventMetadata metadata) {
    String sql =
        "INSERT INTO review_audit_record (event_identifier, aggregate_identifier, time_stamp,"
            + " payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " RETURNING sequence_number, event_hash";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, eventId);
      s.setString(2, record.grantId().toString());
      s.setString(3, at.toString());
      s.setString(4, record.getClass().getName());
      s.setString(5, Integer.toString(EventTypes.schemaVersionOf(record.getClass())));
      s.setBytes(6, bytes(record));
      s.setBytes(7, bytes(metadata));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Appended(rs.getLong(1), ExportedEvent.hex(rs.getBytes(2)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot append to the decision chain of " + record, e);
    }
  }

  /** Every record of the grant's chain, in sequence, byte for byte with its hashes. */
  public List<ExportedEvent> of(UUID grantId) {
    List<ExportedEvent> records = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM review_audit_record WHERE aggregate_identifier = ?"
                    + " ORDER BY sequence_number")) {
      s.setString(1, grantId.toString());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          records.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the decision chain of grant " + grantId, e);
    }
    return records;
  }

  /**
   * Streams the records of the given grants, grant after grant, each in sequence up to (and with)
   * the given last sequence: the chains as a checkpoint recorded them (an export's records).
   */
  public void streamUpTo(Map<UUID, Long> lastSequences, Consumer<ExportedEvent> sink) {
    lastSequences.forEach(
        (grantId, last) -> of(grantId).stream().takeWhile(r -> r.sequence() <= last).forEach(sink));
  }

  /** The newest record the service appended for a grant, as its head row keeps it. */
  public record Head(long sequence, String hash) {}

  public Optional<Head> head(UUID grantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT sequence_number, event_hash FROM review_chain_head"
                    + " WHERE aggregate_identifier = ? AND sequence_number >= 0")) {
      s.setString(1, grantId.toString());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Head(rs.getLong(1), ExportedEvent.hex(rs.getBytes(2))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the decision chain head of " + grantId, e);
    }
  }

  /** The metadata of a record (who, why), decoded. */
  public JsonNode metaData(ExportedEvent record) {
    return record.metaData() == null
        ? json.createObjectNode()
        : parse(Base64.getDecoder().decode(record.metaData()));
  }

  private ExportedEvent row(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes("payload");
    byte[] metaData = rs.getBytes("meta_data");
    String payloadType = rs.getString("payload_type");
    return new ExportedEvent(
        rs.getString("aggregate_identifier"),
        rs.getLong("sequence_number"),
        rs.getString("event_identifier"),
        payloadType.substring(payloadType.lastIndexOf('.') + 1),
        payloadType,
        rs.getString("payload_revision"),
        rs.getString("time_stamp"),
        Base64.getEncoder().encodeToString(payload),
        metaData == null ? null : Base64.getEncoder().encodeToString(metaData),
        parse(payload),
        ExportedEvent.hex(rs.getBytes("previous_hash")),
        ExportedEvent.hex(rs.getBytes("event_hash")));
  }

  private JsonNode parse(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      return json.getNodeFactory().textNode("(not JSON)");
    }
  }

  private byte[] bytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }
}
