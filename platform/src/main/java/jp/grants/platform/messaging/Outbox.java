package jp.grants.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.platform.persistence.AfterCommit;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * Writes an event to the outbox table in the caller's transaction: it reaches Kafka if and only if
 * the state it describes is committed. {@link OutboxRelay} sends it afterwards: it is woken when
 * the transaction commits.
 */
@ApplicationScoped
public class Outbox {
  @Inject DataSource dataSource;
  @Inject EnvelopeCodec codec;
  @Inject OutboxRelay relay;
  @Inject TransactionSynchronizationRegistry transactions;

  private static final Object WAKE_KEY = new Object();

  /** An event to write, with the W3C traceparent of the request that caused it (or null). */
  public record Entry(EventEnvelope envelope, String traceparent) {}

  /**
   * Adds the insert of many events of one topic to a batch of statements that the caller runs in
   * its transaction (one statement whatever their number).
   */
  public void addTo(StatementBatch batch, String topic, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    int n = entries.size();
    String[] ids = new String[n];
    String[] keys = new String[n];
    String[] payloads = new String[n];
    String[] traces = new String[n];
    String[] types = new String[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope envelope = entries.get(i).envelope();
      types[i] = envelope.type();
      ids[i] = envelope.id();
      keys[i] = envelope.subject();
      payloads[i] = codec.writeString(envelope);
      traces[i] = entries.get(i).traceparent();
    }
    batch.add(
        "INSERT INTO outbox (event_id, topic, record_key, payload, trace_parent, event_type)"
            + " SELECT e, ?, k, p, t, y FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[])"
            + " AS r(e, k, p, t, y)",
        topic,
        new ArrayParam("varchar", ids),
        new ArrayParam("varchar", keys),
        new ArrayParam("text", payloads),
        new ArrayParam("varchar", traces),
        new ArrayParam("varchar", types));
    wakeRelayOnCommit();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String topic, EventEnvelope envelope) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO outbox (event_id, topic, record_key, payload, trace_parent, event_type)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, envelope.id());
      insert.setString(2, topic);
      insert.setString(3, envelope.subject());
      insert.setString(4, codec.writeString(envelope));
      insert.setString(5, Tracing.currentTraceparent());
      insert.setString(6, envelope.type());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write to the outbox", e);
    }
    wakeRelayOnCommit();
  }

  /** Once per transaction: wake this instance's relay when the transaction has committed. */
  private void wakeRelayOnCommit() {
    if (!AfterCommit.once(transactions, WAKE_KEY, relay::wake)) {
      relay.wake(); // no transaction to wait for (the caller commits on its own): the idle poll is
      // the net
    }
  }
}
