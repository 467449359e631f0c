package jp.grants.grant.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import jp.grants.catalog.RuleViolation;
import jp.grants.grant.axon.GrantGateway;
import jp.grants.grant.rest.GrantRequests.Accepted;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.web.RequestInfo;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Runs a command for a REST call in one transaction and answers with the grant's new version as
 * ETag. With an {@code Idempotency-Key}, the answer is stored in the same transaction as the
 * events; a retry with the same key and body gets the first answer back and appends nothing, a
 * retry with another body is refused. Refusals are stored too, so a retry is answered alike.
 */
@ApplicationScoped
public class CommandExecutor {
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,200}");
  private static final String KEY_RULE = "IDEMPOTENCY-KEY";
  private static final int RACE_ATTEMPTS = 5;
  private static final long LOCK_WAIT_SECONDS = 10;

  /** Locks by grant (striped): commands on one grant run one after the other, commit included. */
  private static final ReentrantLock[] GRANT_LOCKS =
      IntStream.range(0, 256).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

  @Inject GrantGateway gateway;
  @Inject CurrentActor currentActor;
  @Inject RequestInfo request;
  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  /** A stored answer. */
  private record Stored(
      String fingerprint, int status, String body, String etag, String location) {}

  /**
   * @param grantId the grant the command is about, or null when the command creates it
   * @param created whether success is 201 Created (with Location) rather than 200
   */
  public Response execute(
      String idempotencyKey, Object body, UUID grantId, boolean created, Supplier<Object> command) {
    return execute(idempotencyKey, body, grantId, created, null, command);
  }

  /**
   * @param disbursementId the disbursement the command creates, named in the answer
   */
  public Response execute(
      String idempotencyKey,
      Object body,
      UUID grantId,
      boolean created,
      UUID disbursementId,
      Supplier<Object> command) {
    Actor actor = currentActor.get();
    if (idempotencyKey == null) {
      return inTransaction(grantId, () -> send(actor, grantId, created, disbursementId, command));
    }
    if (!KEY.matcher(idempotencyKey).matches()) {
      throw RuleViolation.unprocessable(
          KEY_RULE, "an Idempotency-Key is 8 to 200 letters, digits or ._:-");
    }
    String fingerprint = fingerprint(body);
    try {
      return inTransaction(
          grantId,
          () -> {
            Optional<Stored> earlier = claim(actor.subject(), idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
              return replay(earlier.get(), fingerprint);
            }
            Response response = send(actor, grantId, created, disbursementId, command);
            store(actor.subject(), idempotencyKey, response);
            return response;
          });
    } catch (RuleViolation refusal) {
      Problem problem =
          Problem.of(refusal)
              .at(request.requestLine().substring(request.requestLine().indexOf(' ') + 1));
      QuarkusTransaction.requiringNew()
          .run(() -> storeRefusal(actor.subject(), idempotencyKey, fingerprint, problem));
      throw refusal;
    }
  }

  /**
   * Runs the work in a transaction of its own, holding the grant's lock of this process until the
   * transaction has ended; again when it lost a race for the grant's next sequence number.
   *
   * <p>Axon serializes the commands of one grant only until its unit of work ends, which is before
   * the surrounding transaction (idempotency record and events together) commits; so the next
   * command could load the grant before the last one's events are visible and lose the append on
   * the event table's key. The lock here covers the commit. Other writers still race: the consumers
   * of the ledger's and review-service's answers, and other instances of the service. The loser
   * wrote nothing (its transaction, idempotency claim included, rolled back) and is run again on
   * the grant as the winner left it: with If-Match it then gets 412, without it applies on the new
   * state. Only a grant that keeps moving under it gets the caller a 409 CONCURRENT-MODIFICATION.
   */
  private Response inTransaction(UUID grantId, Callable<Response> work) {
    ReentrantLock lock =
        grantId == null ? null : GRANT_LOCKS[Math.floorMod(grantId.hashCode(), GRANT_LOCKS.length)];
    if (lock != null) {
      lockOrAnswerBusy(lock);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return QuarkusTransaction.requiringNew().call(work);
        } catch (ConcurrencyException lostRace) {
          if (attempt == RACE_ATTEMPTS) {
            throw lostRace;
          }
          LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 1 + attempt) * 2_000_000L);
        }
      }
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  private static void lockOrAnswerBusy(ReentrantLock lock) {
    try {
      if (lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new ServiceUnavailableException(
        "the grant is busy: other commands on it have been queued for "
            + LOCK_WAIT_SECONDS
            + " s; nothing was done",
        1L);
  }

  private Response send(
      Actor actor, UUID grantId, boolean created, UUID disbursementId, Supplier<Object> command) {
    Object result =
        gateway.send(command.get(), actor, request.correlationId(), request.requestLine());
    UUID id = grantId != null ? grantId : UUID.fromString(result.toString());
    long version = grantId != null ? ((Number) result).longValue() : 0L;
    Response.ResponseBuilder builder =
        created ? Response.created(URI.create("/api/v1/grants/" + id)) : Response.ok();
    return builder.entity(new Accepted(id, version, disbursementId)).tag(etag(version)).build();
  }

  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /** The version an If-Match header names, or null for none or "*". */
  public static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String value = ifMatch.trim();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw RuleViolation.unprocessable(
          "IF-MATCH", "If-Match must name a version this API gave as ETag, e.g. \"3\"");
    }
  }

  private Optional<Stored> claim(String subject, String key, String fingerprint)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO idempotent_request (subject, idempotency_key, fingerprint) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        insert.setString(1, subject);
        insert.setString(2, key);
        insert.setString(3, fingerprint);
        if (insert.executeUpdate() == 1) {
          return Optional.empty();
        }
      }
      return find(c, subject, key);
    }
  }

  private static Optional<Stored> find(Connection c, String subject, String key)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT fingerprint, status, response_body, etag, location"
                + " FROM idempotent_request WHERE subject = ? AND idempotency_key = ?")) {
      select.setString(1, subject);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Stored(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
            : Optional.empty();
      }
    }
  }

  private Response replay(Stored stored, String fingerprint) {
    if (!stored.fingerprint().equals(fingerprint)) {
      throw RuleViolation.unprocessable(
          KEY_RULE, "this Idempotency-Key was used for a different request");
    }
    boolean problem = stored.status() >= 400;
    Response.ResponseBuilder builder =
        Response.status(stored.status())
            .type(problem ? Problem.MEDIA_TYPE : "application/json")
            .entity(stored.body())
            .header(REPLAYED, "true");
    if (stored.etag() != null) {
      builder.tag(new EntityTag(stored.etag()));
    }
    if (stored.location() != null) {
      builder.location(URI.create(stored.location()));
    }
    return builder.build();
  }

  private void store(String subject, String key, Response response) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE idempotent_request SET status = ?, response_body = ?,"
                    + " etag = ?, location = ? WHERE subject = ? AND idempotency_key = ?")) {
      update.setInt(1, response.getStatus());
      update.setString(2, json.writeValueAsString(response.getEntity()));
      update.setString(
          3, response.getEntityTag() == null ? null : response.getEntityTag().getValue());
      update.setString(
          4, response.getLocation() == null ? null : response.getLocation().toString());
      update.setString(5, subject);
      update.setString(6, key);
      update.executeUpdate();
    }
  }

  private void storeRefusal(String subject, String key, String fingerprint, Problem problem) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotent_request (subject, idempotency_key,"
                    + " fingerprint, status, response_body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, subject);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setInt(4, problem.status());
      insert.setString(5, json.writeValueAsString(problem));
      insert.executeUpdate();
    } catch (Exception e) {
      throw new IllegalStateException("cannot store the refusal of an idempotent request", e);
    }
  }

  private String fingerprint(Object body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(request.requestLine().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(json.writeValueAsBytes(body));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
