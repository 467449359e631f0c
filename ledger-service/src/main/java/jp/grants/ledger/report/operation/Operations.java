package jp.grants.ledger.report.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.IdempotencyRecords;
import jp.grants.platform.idempotency.PlatformRule;

/**
 * Runs a ledger operation of a REST request (an annual report, its approval, a settlement) in one
 * transaction of its own, on one connection, once per Idempotency-Key: the first request claims the
 * key (table {@code idempotency_record}, platform's IdempotencyRecords, scoped to the caller, with
 * a fingerprint of the operation and its body) in the transaction that does the work, and stores
 * the answer with it; a retry with the same key and body gets that answer again ({@code replayed})
 * and writes nothing; the same key with another request is refused ({@code
 * IDEMPOTENCY-KEY-REUSED}). A refusal rolls everything back, the key included. A deadlock is tried
 * again; a database that is away is {@link Unavailable}.
 */
@ApplicationScoped
public class Operations {
  private static final int ATTEMPTS = 4;

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  /** The work of an operation, on the transaction's connection. */
  @FunctionalInterface
  public interface Work {
    Result apply(Connection c) throws SQLException;
  }

  /** What the work answers: an HTTP status and a body to serialize. */
  public record Result(int status, Object body) {}

  /** The answer as sent (and as a retry with the same key gets it). */
  public record Answer(int status, String body, boolean replayed) {}

  /** The database is away or saturated: nothing was written; try again later. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Answer run(String subject, String key, String operation, Object request, Work work) {
    String fingerprint = fingerprint(operation, request);
    for (int attempt = 1; ; attempt++) {
      try {
        return QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  try (Connection c = dataSource.getConnection()) {
                    return once(c, subject, key, fingerprint, work);
                  }
                });
      } catch (RuntimeException e) {
        RuleProblem.Refused refused = find(e, RuleProblem.Refused.class);
        if (refused != null) {
          throw refused;
        }
        SQLException sql = find(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        if (state != null
            && (state.equals("40P01") || state.equals("40001"))
            && attempt < ATTEMPTS) {
          continue;
        }
        if (sql != null
            && (state == null
                ? String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition")
                : state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
          throw new Unavailable("the ledger's database is unavailable; nothing was written", e);
        }
        throw e;
      }
    }
  }

  private Answer once(Connection c, String subject, String key, String fingerprint, Work work)
      throws SQLException {
    if (key != null) {
      var earlier = IdempotencyRecords.claim(c, subject, key, fingerprint);
      if (earlier.isPresent()) {
        return earlier(earlier.get(), key, fingerprint);
      }
    }
    Result result = work.apply(c);
    String body;
    try {
      body = json.writeValueAsString(result.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer", e);
    }
    if (key != null) {
      IdempotencyRecords.complete(
          c, subject, key, result.status(), "application/json", body, null, null);
    }
    return new Answer(result.status(), body, false);
  }

  private static Answer earlier(IdempotencyRecords.Stored stored, String key, String fingerprint) {
    if (stored.fingerprint().trim().equals(fingerprint) && stored.body() != null) {
      return new Answer(stored.status(), stored.body(), true);
    }
    throw RuleProblem.refused(
            PlatformRule.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key "
                + key
                + " was used before with a different request; use a new key for a new request",
            null)
        .refused();
  }

  static String fingerprint(String operation, Object request) {
    try {
      return Idempotency.fingerprint(
          operation + "\n",
          request == null ? new byte[0] : new ObjectMapper().writeValueAsBytes(request));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
