package jp.grants.ledger.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;

/** Plain SQL against the service's own database, for checking what was (not) written. */
public final class Db {
  private Db() {}

  public static DataSource dataSource() {
    return Arc.container().instance(DataSource.class).get();
  }

  /** The first column of the first row as a long (0 for SQL NULL), e.g. a count or a sum. */
  public static long number(String sql, Object... parameters) {
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static String text(String sql, Object... parameters) {
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Waits until the ledger's consumer has applied the event (its inbox row is committed). */
  public static void awaitApplied(EventEnvelope envelope) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> number("SELECT count(*) FROM inbox WHERE event_id = ?", envelope.id()) == 1);
  }

  static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }
}
