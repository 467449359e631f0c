package jp.grants.grant.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import jp.grants.contracts.rule.RuleViolation;
import jp.grants.grant.axon.GrantGateway;
import jp.grants.grant.command.GrantRule;
import jp.grants.grant.rest.GrantRequests.Accepted;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.IdempotentRequests;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.web.RequestInfo;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Runs a command for a REST call in one transaction and answers with the grant's new version as
 * ETag. With an {@code Idempotency-Key}, the answer is stored in the same transaction as the
 * events; a retry with the same key and body gets the first answer back and appends nothing, a
 * retry with another body is refused. Refusals are stored too, so a retry is answered alike. The
 * key's grammar, refusals and storage are platform's ({@link IdempotentRequests}), as in the other
 * services.
 */
@ApplicationScoped
public class CommandExecutor {
  public static final String REPLAYED = Idempotency.REPLAYED;
  private static final int RACE_ATTEMPTS = 5;
  private static final long LOCK_WAIT_SECONDS = 10;

  /** Locks by grant (striped): commands on one grant run one after the other, commit included. */
  private static final ReentrantLock[] GRANT_LOCKS =
      IntStream.range(0, 256).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

  @Inject GrantGateway gateway;
  @Inject CurrentActor currentActor;
  @Inject RequestInfo request;
  @Inject IdempotentRequests idempotent;

  /**
   * One step on an existing grant, answered 200 with its new version: the {@code If-Match} header
   * is read first (a malformed one is refused before the idempotency key is claimed), then the
   * command built for the version it names (null for none) is run as {@link #execute} does.
   */
  public Response step(GrantStep step, Object body, Function<Long, Object> command) {
    return step(step, body, null, command);
  }

  /** A step whose body is its command. */
  public Response step(GrantStep step, GrantRequests.Step body) {
    return step(step, body, version -> body.command(step.id(), version));
  }

  /** A step that creates a disbursement: its id is named in the answer. */
  public Response step(
      GrantStep step, Object body, UUID disbursementId, Function<Long, Object> command) {
    Long version = expectedVersion(step.ifMatch());
    return execute(
        step.idempotencyKey(),
        body,
        step.id(),
        false,
        disbursementId,
        () -> command.apply(version));
  }

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
    // The platform's HTTP filter has refused a malformed key (400 IDEMPOTENCY-KEY-INVALID) already.
    IdempotentRequests.Call call =
        idempotent.call(actor.subject(), idempotencyKey, request.requestLine(), body);
    try {
      return inTransaction(
          grantId,
          () ->
              idempotent.answer(
                  call, () -> send(actor, grantId, created, disbursementId, command)));
    } catch (RuleViolation refusal) {
      idempotent.recordRefusal(
          call,
          Problem.of(refusal)
              .at(request.requestLine().substring(request.requestLine().indexOf(' ') + 1)));
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
      throw GrantRule.IF_MATCH.violation(
          "If-Match must name a version this API gave as ETag, e.g. \"3\"");
    }
  }
}
