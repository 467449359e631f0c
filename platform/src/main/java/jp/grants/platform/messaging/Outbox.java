package jp.grants.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;

/**
 * Writes an event to the outbox table in the caller's transaction: it reaches Kafka if and only if
 * the state it describes is committed. {@link OutboxRelay} sends it afterwards.
 */
@ApplicationScoped
public class Outbox {
  @Inject DataSource dataSource;
  @Inject EnvelopeCodec codec;

  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String topic, EventEnvelope envelope) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO outbox (event_id, topic, record_key, payload, trace_parent) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, envelope.id());
      insert.setString(2, topic);
      insert.setString(3, envelope.subject());
      insert.setString(4, codec.writeString(envelope));
      insert.setString(5, Tracing.currentTraceparent());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write to the outbox", e);
    }
  }
}
