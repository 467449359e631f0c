package jp.grants.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jp.grants.contracts.rule.RuleViolation;
import jp.grants.platform.idempotency.IdempotencyRecords.Stored;
import jp.grants.platform.problem.Problem;

/**
 * Answers a REST request sent with an {@code Idempotency-Key} at most once, for services that do a
 * request in one JTA transaction (grant-service's commands, review-service's writes): the key is
 * claimed and the answer stored in the request's own transaction ({@link IdempotencyRecords}), so
 * the record exists exactly when the effect does. A retry with the same key and request gets the
 * first answer back ({@link Idempotency#REPLAYED}) and does nothing; with another request it is
 * refused ({@link PlatformRule#IDEMPOTENCY_KEY_REUSED}). A refusal by a named rule rolls the
 * request back and is then recorded in a transaction of its own ({@link #recordRefusal}), so a
 * retry is refused alike.
 */
@ApplicationScoped
public class IdempotentRequests {
  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  /** One request with a key: whose key (scope), the key, its fingerprint and its path. */
  public record Call(String scope, String key, String fingerprint) {}

  /** The call of a request: its caller, key, request line and body (as JSON). */
  public Call call(String scope, String key, String requestLine, Object body) {
    try {
      return new Call(
          scope, key, Idempotency.fingerprintOfRequest(requestLine, json.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  /**
   * Inside the transaction that does the work: the first answer of the key if it has one, else the
   * work's answer, stored with the key.
   */
  public Response answer(Call call, Callable<Response> work) throws Exception {
    Optional<Stored> earlier;
    try (Connection c = dataSource.getConnection()) {
      earlier = IdempotencyRecords.claim(c, call.scope(), call.key(), call.fingerprint());
    }
    if (earlier.isPresent()) {
      return replay(call, earlier.get());
    }
    Response response = work.call();
    Object entity = response.getEntity();
    try (Connection c = dataSource.getConnection()) {
      IdempotencyRecords.complete(
          c,
          call.scope(),
          call.key(),
          response.getStatus(),
          response.getMediaType() == null
              ? MediaType.APPLICATION_JSON
              : response.getMediaType().toString(),
          entity == null ? null : entity instanceof String s ? s : json.writeValueAsString(entity),
          response.getEntityTag() == null ? null : response.getEntityTag().getValue(),
          response.getLocation() == null ? null : response.getLocation().toString());
    }
    return response;
  }

  /**
   * For a service whose handlers join the caller's transaction ({@code @Transactional}): without a
   * key, the work as it is; with one, the work in a transaction of its own, answered once per key
   * ({@link #answer}), a refusal by a named rule recorded for the retries ({@link #recordRefusal}).
   */
  public Response once(
      String scope, String key, String requestLine, Object body, Supplier<Response> work) {
    if (key == null) {
      return work.get();
    }
    Call call = call(scope, key, requestLine, body);
    try {
      return QuarkusTransaction.requiringNew().call(() -> answer(call, work::get));
    } catch (RuleViolation refusal) {
      recordRefusal(
          call, Problem.of(refusal).at(requestLine.substring(requestLine.indexOf(' ') + 1)));
      throw refusal;
    }
  }

  /** The stored answer again, or the refusal of a key reused for another request. */
  public Response replay(Call call, Stored stored) {
    if (!stored.fingerprint().equals(call.fingerprint())) {
      throw PlatformRule.IDEMPOTENCY_KEY_REUSED.violation(
          Idempotency.HEADER
              + " "
              + call.key()
              + " was used before with a different request; use a new key for a new request");
    }
    if (stored.status() == null) {
      throw new IllegalStateException("an idempotency record without its answer: " + call.key());
    }
    return stored.replay();
  }

  /**
   * Records a refusal after the request's transaction rolled back, in a transaction of its own
   * (nothing when the key is held: a reused key's refusal leaves the first answer in place).
   */
  public void recordRefusal(Call call, Problem problem) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                IdempotencyRecords.record(
                    c,
                    call.scope(),
                    call.key(),
                    call.fingerprint(),
                    problem.status(),
                    Problem.MEDIA_TYPE,
                    json.writeValueAsString(problem));
              } catch (SQLException | JsonProcessingException e) {
                throw new IllegalStateException("cannot record the refusal of a request", e);
              }
            });
  }
}
