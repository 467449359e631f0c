package jp.grants.ledger.money.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import jp.grants.ledger.disbursement.engine.DisbursementEngine;
import jp.grants.ledger.disbursement.engine.DisbursementRequest;
import jp.grants.ledger.disbursement.engine.MovementRequest;
import jp.grants.ledger.disbursement.engine.Outcome;
import jp.grants.ledger.disbursement.rest.DisbursementResource;
import jp.grants.ledger.disbursement.rest.RefusalProblem;
import jp.grants.ledger.money.command.MovementCommand;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.messaging.Tracing;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.CurrentActor;
import org.jboss.logging.Logger;

/**
 * What the carry-over and refund endpoints share: the Idempotency-Key, the engine (its queue,
 * batches, locks and 503 + Retry-After) and the answers (201 with the movement, or an RFC 9457
 * problem naming the rule).
 */
abstract class MovementEndpoint {
  private static final Logger LOG = Logger.getLogger(MovementEndpoint.class);

  @Inject DisbursementEngine engine;
  @Inject CurrentActor actor;
  @Inject ObjectMapper json;
  @Inject DataSource dataSource;

  /** The key is missing or malformed: 400, nothing written; else null. */
  static Response badKey(String key, String path) {
    return Idempotency.refuseUnlessWellFormed(key, path);
  }

  String fingerprint(String operation, UUID grantId, Object request) {
    try {
      return Idempotency.fingerprint(
          operation + ":" + grantId + ":", json.writeValueAsBytes(request));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  CompletionStage<Response> submit(
      MovementCommand command, String key, String fingerprint, Integer fiscalYear, String path) {
    DisbursementRequest.IdempotencyClaim claim =
        new DisbursementRequest.IdempotencyClaim(actor.get().subject(), key, fingerprint);
    io.vertx.core.Context context = Vertx.currentContext();
    Executor onRequestContext =
        context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    return engine
        .submit(new MovementRequest(command, claim, Tracing.currentTraceparent()))
        .handleAsync(
            (outcome, failure) ->
                failure == null ? response(outcome, fiscalYear, path) : failed(failure, path),
            onRequestContext);
  }

  /** The id of a carry-over or refund view. */
  abstract UUID idOf(Object movement);

  private Response response(Outcome outcome, Integer fiscalYear, String path) {
    if (outcome instanceof Outcome.Moved moved) {
      Response.ResponseBuilder response =
          Response.status(201)
              .type(MediaType.APPLICATION_JSON)
              .entity(moved.movement())
              .header("Location", path + "/" + idOf(moved.movement()));
      return (moved.replayed() ? response.header(DisbursementResource.REPLAYED, "true") : response)
          .build();
    }
    if (outcome instanceof Outcome.Refused refused) {
      RefusalProblem problem =
          RefusalProblem.of(refused.refusal(), refused.grantId(), fiscalYear, path);
      return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
    if (outcome instanceof Outcome.KeyReused reused) {
      RefusalProblem problem = RefusalProblem.reusedKey(reused.key(), path);
      return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
    if (outcome instanceof Outcome.UnknownGrant unknown) {
      return Problem.ofRule(
              404,
              "Not Found",
              LedgerRule.UNKNOWN_GRANT.code(),
              "the ledger has no award for grant " + unknown.grantId())
          .at(path)
          .toResponse();
    }
    LOG.errorf("unexpected answer %s", outcome);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal",
            "the service failed to handle the request; it has been logged")
        .at(path)
        .toResponse();
  }

  private static Response failed(Throwable failure, String path) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof DisbursementEngine.Unavailable unavailable) {
      return Problem.unavailable(unavailable.getMessage(), unavailable.retryAfterSeconds(), path);
    }
    var away = jp.grants.platform.problem.Unavailability.answer(cause, path);
    if (away.isPresent()) {
      return away.get();
    }
    LOG.errorf(cause, "money movement failed");
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal",
            "the service failed to handle the request; it has been logged")
        .at(path)
        .toResponse();
  }

  interface Read<T> {
    T from(Connection c) throws SQLException;
  }

  /** Reads on a connection of its own; 404 when the ledger has no such grant. */
  <T> T read(UUID grantId, Read<T> read) {
    try (Connection c = dataSource.getConnection()) {
      try (var select = c.prepareStatement("SELECT 1 FROM grant_account WHERE grant_id = ?")) {
        select.setObject(1, grantId);
        try (var rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("the ledger has no award for grant " + grantId);
          }
        }
      }
      return read.from(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the grant's movements", e);
    }
  }

  static CompletionStage<Response> now(Response response) {
    return CompletableFuture.completedFuture(response);
  }
}
