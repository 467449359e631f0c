package jp.grants.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * Several SQL statements sent to PostgreSQL in one round trip: the PostgreSQL JDBC driver sends
 * every statement of a multi-statement prepared statement before it waits for the first answer.
 * Rows go in as arrays (one parameter per column, {@code unnest}ed by the statement), so the SQL of
 * a batch is the same whatever its size and the server can keep it prepared. The statements run in
 * order in the caller's transaction; the first that fails fails them all.
 */
public final class StatementBatch {
  /** A parameter bound as a PostgreSQL array of {@code sqlType} ({@code uuid}, {@code int8}, …). */
  public record ArrayParam(String sqlType, Object[] values) {
    public static ArrayParam of(String sqlType, Collection<?> values) {
      return new ArrayParam(sqlType, values.toArray());
    }
  }

  private final StringJoiner sql = new StringJoiner(";\n");
  private final List<Object> parameters = new ArrayList<>();
  private int statements;

  /** Adds a statement and the values of its {@code ?} parameters, in order. */
  public StatementBatch add(String statement, Object... values) {
    sql.add(statement);
    parameters.addAll(java.util.Arrays.asList(values));
    statements++;
    return this;
  }

  public boolean isEmpty() {
    return statements == 0;
  }

  /** Runs every statement added, in one round trip. */
  public void execute(Connection connection) throws SQLException {
    if (statements == 0) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (value instanceof ArrayParam array) {
          statement.setArray(i + 1, connection.createArrayOf(array.sqlType(), array.values()));
        } else {
          statement.setObject(i + 1, value);
        }
      }
      boolean result = statement.execute();
      while (result || statement.getUpdateCount() != -1) {
        result = statement.getMoreResults();
      }
    }
  }
}
