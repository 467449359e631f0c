package jp.grants.ledger.report.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import jp.grants.ledger.report.operation.Operations;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.problem.Problem;

/** How the answers of reports and settlements are sent: the stored body, or a problem. */
public final class OperationResponses {
  public static final String IDEMPOTENCY_KEY = Idempotency.HEADER;
  public static final String REPLAYED = Idempotency.REPLAYED;
  private static final int RETRY_AFTER_SECONDS = 1;

  private OperationResponses() {}

  /** A malformed key is refused before anything is read; null when the key is absent or fine. */
  public static Response badKey(String key, String path) {
    return key == null ? null : Idempotency.refuseUnlessWellFormed(key, path);
  }

  /** Runs the operation and answers it; location is the created resource's path (for 201/202). */
  public static Response answer(
      Supplier<Operations.Answer> operation, String path, String location) {
    try {
      Operations.Answer answer = operation.get();
      Response.ResponseBuilder response =
          Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body());
      if (location != null && (answer.status() == 201 || answer.status() == 202)) {
        response.header("Location", location);
      }
      if (answer.replayed()) {
        response.header(REPLAYED, "true");
      }
      return response.build();
    } catch (RuleProblem.Refused refused) {
      return problem(refused.problem().at(path));
    } catch (Operations.Unavailable unavailable) {
      return Problem.unavailable(unavailable.getMessage(), RETRY_AFTER_SECONDS, path);
    }
  }

  public static Response problem(RuleProblem problem) {
    return Response.status(problem.status()).type(RuleProblem.MEDIA_TYPE).entity(problem).build();
  }
}
