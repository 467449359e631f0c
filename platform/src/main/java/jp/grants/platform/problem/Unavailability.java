package jp.grants.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a dependency that is away from a fault of the service's own. A request that failed because
 * the database could not be reached (server stopped, connection broken, pool exhausted) or the
 * broker did not answer is the caller's to retry: {@code 503} with {@code Retry-After}, never a
 * {@code 500}. Nothing was done — the transaction around it rolled back, or never began.
 *
 * <p>The exception is recognised wherever it sits in the chain of causes (Axon, Narayana and
 * Hibernate wrap the driver's), by JDBC's own exception classes, PostgreSQL's SQLSTATE classes and
 * the messages of Agroal's and Hibernate's pool exceptions, which carry no SQLSTATE.
 */
public final class Unavailability {
  /** What was away and how long a caller should wait before trying again. */
  public record Dependency(String detail, int retryAfterSeconds) {}

  static final Dependency DATABASE =
      new Dependency("the service's database is unavailable; nothing was done — try again", 2);
  static final Dependency POOL =
      new Dependency(
          "the service is at capacity: no database connection became free in time; nothing was done — try again",
          1);
  static final Dependency BROKER =
      new Dependency("the message broker (Kafka) is unavailable; nothing was done — try again", 5);

  private static final int MAX_DEPTH = 32;

  private Unavailability() {}

  /**
   * The 503 (problem, Retry-After) for a failure that says a dependency was away, if it says so.
   */
  public static Optional<jakarta.ws.rs.core.Response> answer(Throwable failure, String path) {
    return of(failure)
        .map(away -> Problem.unavailable(away.detail(), away.retryAfterSeconds(), path));
  }

  /**
   * The dependency the failure says was away, if it says one was: the failure, its causes, the
   * exceptions suppressed along the way (Narayana's failed commit carries the driver's exception as
   * a suppressed {@code XAException}'s cause) and a SQL exception's next ones.
   */
  public static Optional<Dependency> of(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    java.util.ArrayDeque<Throwable> next = new java.util.ArrayDeque<>();
    if (failure != null) {
      next.add(failure);
    }
    while (!next.isEmpty() && seen.size() < MAX_DEPTH) {
      Throwable current = next.poll();
      if (seen.put(current, true) != null) {
        continue;
      }
      Dependency found = classify(current);
      if (found != null) {
        return Optional.of(found);
      }
      if (current instanceof SQLException sql && sql.getNextException() != null) {
        next.add(sql.getNextException());
      }
      if (current.getCause() != null) {
        next.add(current.getCause());
      }
      next.addAll(java.util.Arrays.asList(current.getSuppressed()));
    }
    return Optional.empty();
  }

  private static Dependency classify(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof SQLException sql) {
      if (message.startsWith("Sorry, acquisition timeout")
          || message.startsWith("Acquisition timeout")) {
        return POOL;
      }
      if (sql instanceof SQLTransientConnectionException
          || sql instanceof SQLNonTransientConnectionException
          || sql instanceof SQLRecoverableException
          || connectionState(sql.getSQLState())) {
        return DATABASE;
      }
      return null;
    }
    String type = failure.getClass().getName();
    if (type.equals("org.hibernate.exception.JDBCConnectionException")
        || message.startsWith("Unable to acquire JDBC Connection")) {
      return DATABASE;
    }
    if (type.startsWith("org.apache.kafka.common.errors.")
        && (type.endsWith(".TimeoutException")
            || type.endsWith(".NetworkException")
            || type.endsWith(".NotLeaderOrFollowerException")
            || type.endsWith(".DisconnectException"))) {
      return BROKER;
    }
    return null;
  }

  /**
   * PostgreSQL's SQLSTATEs that mean the server is not there for this request: class 08 (connection
   * exception), 57P01–57P03 (shut down by an administrator, crash, cannot connect now), 53300 (too
   * many connections).
   */
  static boolean connectionState(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300");
  }
}
